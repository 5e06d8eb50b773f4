package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.AuditEntry;
import dev.flotilla.contracts.view.ViewSamples;
import org.junit.jupiter.api.Test;

/** {@code flotilla audit}: an entry per line, whatever its summary holds. */
class AuditCommandTest {
  @Test
  void anEntryIsOneLineEvenWhenItsSummarySpansSeveral() {
    AuditEntry entry = ViewSamples.AUDIT.items().get(0);
    AuditEntry multiLine =
        new AuditEntry(
            entry.rolloutId(),
            entry.sequence(),
            "rv-0020",
            "DeviceFinished",
            entry.occurredAt(),
            entry.causationId(),
            "rv-0020: SKIPPED: the database is damaged: *** in database main ***\nPage 20: never used",
            entry.event());

    assertThat(AuditCommand.line(entry))
        .isEqualTo(
            "2026-11-22T10:16:02.125Z       r-2026-11-22-a #7     WaveApproved           wave 2"
                + " approved by lead@example.com");
    assertThat(AuditCommand.line(multiLine))
        .doesNotContain("\n")
        .endsWith("*** in database main ***; Page 20: never used");
  }

  @Test
  void jsonIsAnEntryPerLineAsTheApiWritesIt() {
    String line = JsonOutput.line(ViewSamples.AUDIT.items().get(0));

    assertThat(line)
        .doesNotContain("\n")
        .startsWith("{\"rolloutId\":\"r-2026-11-22-a\",\"sequence\":7,");
    assertThat(line).contains("\"event\":{\"type\":\"WaveApproved\",\"schema\":1,");
  }
}
