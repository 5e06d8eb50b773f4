package dev.flotilla.cli;

import dev.flotilla.contracts.event.EventChain;
import dev.flotilla.contracts.event.EventChainCheck;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.messaging.EventChains;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla audit verify [ROLLOUT]}: reads the event log as it is written and checks each
 * rollout's hash chain ({@link EventChain}); names the first broken link of each rollout.
 */
@Command(
    name = "verify",
    description =
        "Check the hash chains of the rollouts' events on the log: each event names the SHA-256 of"
            + " the one before it. Names the first broken link of each rollout; exit 0 when"
            + " every chain holds, 1 when one does not.")
final class AuditVerifyCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "ROLLOUT",
      description = "Only this rollout (default: every rollout).")
  String rollout;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      description = "The topic to read: a copy of the event log, say (default: ${DEFAULT-VALUE}).",
      defaultValue = "flotilla.events")
  String topic;

  @Option(
      names = "--timeout",
      defaultValue = "PT10M",
      description = "Give up after this ISO-8601 duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--json",
      description =
          "Print the report as JSON: counts, the last link of each rollout, broken links.")
  boolean json;

  @Mixin KafkaOptions kafkaOptions;

  private final PrintStream out = System.out;

  @Override
  public Integer call() {
    RolloutId only = rollout == null ? null : RolloutId.of(rollout);
    EventChainCheck.Report report;
    try {
      report =
          EventChains.check(
              kafkaOptions.settings(),
              topic,
              timeout,
              id -> only == null || only.equals(id),
              only == null);
    } catch (TimeoutException e) {
      throw new UserError(
          topic + " was not read to its end within " + timeout + "; try a longer --timeout");
    }
    if (only != null && report.events() == 0) {
      throw new UserError("no events of rollout " + only + " on " + topic);
    }
    if (json) {
      out.print(JsonOutput.of(report));
    } else {
      print(report, only);
    }
    return report.intact() ? 0 : 1;
  }

  private void print(EventChainCheck.Report report, RolloutId only) {
    out.printf(
        "Checked %,d events of %,d rollout%s on %s: %s%n",
        report.events(),
        report.rollouts(),
        report.rollouts() == 1 ? "" : "s",
        topic,
        report.intact()
            ? "every chain holds."
            : report.broken().size() + " broken (the first link of each that does not hold):");
    report.broken().forEach(link -> out.println("  " + link));
    if (report.unchained() > 0) {
      out.printf(
          "%,d event%s written before the chains existed (no link to check).%n",
          report.unchained(), report.unchained() == 1 ? " was" : "s were");
    }
    if (only != null && report.heads().containsKey(only)) {
      out.println("Last link (keep it to compare later): " + report.heads().get(only));
    }
  }
}
