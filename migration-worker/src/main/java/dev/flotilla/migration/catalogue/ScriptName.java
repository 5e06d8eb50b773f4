package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.ScriptKind;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Flyway-style file name such as {@code V5__add_usage_snapshots.sql} says. */
record ScriptName(ScriptKind kind, int version, String description) {
  private static final Pattern SHAPE = Pattern.compile("([VUCP])([0-9]+)__(.+)\\.sql");

  /**
   * The parts of a well-formed name, or empty when the name is not {@code <V|U|C|P><n>__<desc>.sql}
   * with a version from 1 up.
   */
  static Optional<ScriptName> parse(String fileName) {
    Matcher matcher = SHAPE.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int version;
    try {
      version = Integer.parseInt(matcher.group(2));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
    if (version < 1) {
      return Optional.empty();
    }
    String description = matcher.group(3).replace('_', ' ').trim();
    return Optional.of(new ScriptName(kindOf(matcher.group(1)), version, description));
  }

  String label() {
    return kind.prefix() + version;
  }

  private static ScriptKind kindOf(String prefix) {
    for (ScriptKind kind : ScriptKind.values()) {
      if (kind.prefix().equals(prefix)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no script kind has the prefix " + prefix);
  }
}
