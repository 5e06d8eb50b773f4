package dev.flotilla.cli;

import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.Accepted;
import dev.flotilla.contracts.view.AuditEntry;
import dev.flotilla.contracts.view.AuditPage;
import dev.flotilla.contracts.view.RolloutDetail;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla backups restore DEVICE [BACKUP]}: asks the coordinator's API to restore a device,
 * which the workers carry out as a saga on the event log (safety check, a fresh backup of the
 * database as it is, the restore), never a bare file copy. By default it follows the rollout to its
 * end and says which backup went back, the device's version, and the backup that keeps what was
 * replaced. Exit 0 when restored, 1 when not (with the reason), 2 for bad input.
 */
@Command(
    name = "restore",
    description =
        "Restore a device's database from one of its backups (default: the newest intact one),"
            + " as a saga the workers run and the event log records. The database as it is is"
            + " backed up first, so nothing the application wrote is lost.")
final class RestoreDeviceCommand implements Callable<Integer> {
  /** No limit of the command's own: the saga's step timeouts and give-up time end it. */
  private static final Duration UNTIL_THE_SAGA_ENDS = Duration.ofDays(365);

  private static final int PAGE = 500;

  @Parameters(index = "0", paramLabel = "DEVICE", description = "The device to restore.")
  String device;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "BACKUP",
      description =
          "The backup to put back (see `flotilla backups list --device DEVICE`); default: the"
              + " device's newest intact backup.")
  String backup;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      defaultValue = "${sys:user.name}",
      description = "Who asks, for the audit trail (default: ${DEFAULT-VALUE}).")
  String requestedBy;

  @Option(
      names = "--wait",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Follow the restore until it ends (default); --no-wait only requests it.")
  boolean waitForEnd;

  @Option(names = "--json", description = "Print the outcome as one JSON object.")
  boolean json;

  @Mixin ApiClient api;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    DeviceId deviceId = checked(() -> DeviceId.of(device), "'" + device + "' is not a device id");
    JsonObject body = new JsonObject().put("requestedBy", requestedBy);
    if (backup != null) {
      body.put(
          "backupId",
          checked(() -> BackupId.of(backup), "'" + backup + "' is not a backup id").value());
    }
    Accepted accepted = api.post("/devices/" + deviceId + "/restore", body.encode());
    String rolloutId = accepted.rolloutId();
    if (!waitForEnd) {
      if (json) {
        out.println(
            new JsonObject()
                .put("rolloutId", rolloutId)
                .put("deviceId", deviceId.value())
                .put("location", accepted.links().rollout())
                .encode());
      } else {
        out.println(
            "Restore of "
                + deviceId
                + " requested as rollout "
                + rolloutId
                + "; follow it with"
                + " `flotilla status "
                + rolloutId
                + "`.");
      }
      return 0;
    }
    if (!json) {
      out.println("Restoring " + deviceId + " as rollout " + rolloutId + " ...");
    }
    RestoreOutcome outcome =
        RestoreOutcome.of(deviceId.value(), untilEnded(rolloutId), trail(rolloutId));
    if (json) {
      out.println(outcome.toJson().encode());
    } else {
      outcome.describe().forEach(out::println);
    }
    return outcome.restored() ? 0 : FlotillaCommand.REFUSED;
  }

  /** The rollout once it has ended: a restore's saga ends, its give-up time included. */
  private RolloutDetail untilEnded(String rolloutId) throws InterruptedException {
    return new RolloutPoller(api)
        .follow(RolloutId.of(rolloutId), UNTIL_THE_SAGA_ENDS, (rollout, elapsed) -> {});
  }

  /** Every event of the rollout, oldest first. */
  private List<AuditEntry> trail(String rolloutId) throws InterruptedException {
    List<AuditEntry> items = new ArrayList<>();
    String after = null;
    do {
      AuditPage page =
          api.get(
              "/audit?rollout="
                  + rolloutId
                  + "&limit="
                  + PAGE
                  + (after == null
                      ? ""
                      : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)),
              AuditPage.class);
      items.addAll(page.items());
      after = page.next();
    } while (after != null);
    return items;
  }

  private interface Parse<T> {
    T parse();
  }

  private static <T> T checked(Parse<T> parse, String problem) {
    try {
      return parse.parse();
    } catch (IllegalArgumentException e) {
      throw new UserError(problem);
    }
  }
}
