package dev.flotilla.cli;

import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.devicedb.InvalidLayoutException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --fleet-layout}: where each device's database lies under the fleet folder, as the workers
 * read it from {@code FLOTILLA_FLEET_LAYOUT}, so a command sees the fleet as the workers do.
 */
final class FleetLayoutOption {
  static final String FLEET_LAYOUT = "FLOTILLA_FLEET_LAYOUT";

  @Option(
      names = "--fleet-layout",
      paramLabel = "PATTERN",
      description =
          "Where each device's database lies under the fleet folder, one {device} placeholder,"
              + " e.g. tenants/{device}/app.sqlite3 (default: $"
              + FLEET_LAYOUT
              + ", else {device}.db).")
  String pattern;

  /** The layout given, else the variable's, else the default; a bad pattern is a user error. */
  FleetLayout layout() {
    Optional<String> given =
        Optional.ofNullable(pattern)
            .or(() -> Optional.ofNullable(System.getenv(FLEET_LAYOUT)).filter(v -> !v.isBlank()));
    if (given.isEmpty()) {
      return FleetLayout.DEFAULT;
    }
    try {
      return FleetLayout.parse(given.get());
    } catch (InvalidLayoutException e) {
      throw new UserError(
          (pattern != null ? "--fleet-layout" : FLEET_LAYOUT) + ": " + e.getMessage());
    }
  }
}
