package dev.flotilla.cli;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.view.FleetInventory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla devices [--version V] [--search TEXT] [--json]}: the fleet as the coordinator
 * knows it ({@code GET /devices}), and how many devices stand at each version.
 */
@Command(
    name = "devices",
    description =
        "List the fleet as the coordinator knows it: each device's version and size (as the"
            + " workers found them), its own state and groups, when it was last seen and the"
            + " rollout it is in; then the devices per version. From the coordinator's HTTP API.")
final class DevicesCommand implements Callable<Integer> {
  @Option(names = "--version", paramLabel = "V", description = "Only the devices at this version.")
  String version;

  @Option(
      names = "--search",
      paramLabel = "TEXT",
      description = "Only the devices whose id holds TEXT (any case).")
  String search;

  @Option(names = "--json", description = "Print the API's answer, GET /devices.")
  boolean json;

  @Mixin ApiClient api;

  @Override
  public Integer call() throws InterruptedException {
    FleetInventory fleet = api.get("/devices" + query(), FleetInventory.class);
    System.out.print(json ? JsonOutput.of(fleet) : DeviceTable.text(fleet));
    return FlotillaCommand.OK;
  }

  private String query() {
    List<String> params = new ArrayList<>();
    if (search != null && !search.isEmpty()) {
      params.add("q=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
    }
    if (version != null) {
      try {
        params.add("version=" + VersionId.parse(version));
      } catch (InvalidMessageException e) {
        throw new UserError("--version: " + e.problem());
      }
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }
}
