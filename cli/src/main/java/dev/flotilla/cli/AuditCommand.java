package dev.flotilla.cli;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.AuditEntry;
import dev.flotilla.contracts.view.AuditPage;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flotilla audit --rollout ID | --device ID}: every event about it, oldest first; {@code
 * flotilla audit verify}: the events' hash chains checked on the log itself.
 */
@Command(
    name = "audit",
    description = "Show the audit trail of a rollout or of a device, from the coordinator's API.",
    subcommands = AuditVerifyCommand.class)
final class AuditCommand implements Callable<Integer> {
  private static final int PAGE = 500;

  static final class Subject {
    @Option(names = "--rollout", paramLabel = "ID", description = "The events of this rollout.")
    String rollout;

    @Option(
        names = "--device",
        paramLabel = "ID",
        description = "The events about this device, across rollouts.")
    String device;
  }

  /** Required unless {@code verify} is asked for. */
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Subject subject;

  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description =
          "Print each entry as one line of JSON, as the API's GET /audit writes it, event"
              + " included.")
  boolean json;

  @Mixin ApiClient api;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws InterruptedException {
    if (subject == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required argument: give --rollout ID or --device ID (or: audit verify)");
    }
    String query =
        subject.rollout != null
            ? "rollout=" + RolloutId.of(subject.rollout)
            : "device=" + DeviceId.of(subject.device);
    int shown = 0;
    String after = null;
    do {
      AuditPage page =
          api.get(
              "/audit?"
                  + query
                  + "&limit="
                  + PAGE
                  + (after == null
                      ? ""
                      : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)),
              AuditPage.class);
      for (AuditEntry entry : page.items()) {
        print(entry);
        shown++;
      }
      after = page.next();
    } while (after != null);
    if (shown == 0 && !json) {
      out.println("No events.");
    }
    return 0;
  }

  private void print(AuditEntry entry) {
    out.println(json ? JsonOutput.line(entry) : line(entry));
  }

  static String line(AuditEntry entry) {
    return String.format(
        "%-30s %s #%-5d %-22s %s",
        entry.occurredAt(),
        entry.rolloutId(),
        entry.sequence(),
        entry.type(),
        // SQLite's check reports span lines; an entry stays on one.
        entry.summary().replaceAll("\\s*\\R\\s*", "; "));
  }
}
