package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.SafetyReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OwnershipSafetyRuleTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void aDeviceWhoseOwnershipTheWorkersCannotKeepIsRefusedForGood() {
    List<SafetyReason> reasons =
        SafetyRules.reasons(facts(Optional.of("the workers run as uid 2000")));

    assertThat(reasons)
        .containsExactly(
            SafetyReason.permanent(
                "ownership-unkeepable",
                "the database would stop being the application's: the workers run as uid 2000"));
  }

  @Test
  void aDeviceWhoseOwnershipTheWorkersCanKeepHasNoReason() {
    assertThat(SafetyRules.reasons(facts(Optional.empty()))).isEmpty();
  }

  private static SafetyFacts facts(Optional<String> ownershipUnkeepable) {
    return new SafetyFacts(
        "garage",
        VersionId.of(1),
        Path.of("tenants/rv/app.sqlite3"),
        true,
        100,
        OptionalLong.of(10_000),
        List.of(),
        Optional.empty(),
        false,
        Optional.of(VersionId.of(0)),
        List.of(),
        true,
        List.of(),
        Map.of(),
        new ReportedState(
            Optional.of(
                new DeviceStateReport(
                    MessageId.random(),
                    NOW,
                    DeviceId.of("rv"),
                    NOW.minusSeconds(1),
                    DeviceConditions.IDLE,
                    List.of())),
            NOW,
            Duration.ofMinutes(5),
            true),
        List.of(),
        ownershipUnkeepable,
        List.of());
  }
}
