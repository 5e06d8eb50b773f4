package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.SafetyReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceStateRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration MAX_AGE = Duration.ofSeconds(300);
  private static final DeviceConditions DRIVING = new DeviceConditions(false, 0, List.of());

  @Test
  void aDeviceThatNeverReportedIsJudgedOnItsDatabaseUnlessTheRolloutRequiresAReport() {
    assertThat(DeviceStateRules.reasons(never(false))).isEmpty();
    assertThat(DeviceStateRules.reasons(never(true)))
        .extracting(SafetyReason::code)
        .containsExactly("no-device-state");
  }

  @Test
  void aReportOfGroupsAloneSaysNothingAboutTheDevicesState() {
    ReportedState groupsOnly =
        new ReportedState(Optional.of(report(null, NOW.minusSeconds(3600))), NOW, MAX_AGE, true);

    assertThat(DeviceStateRules.reasons(groupsOnly))
        .extracting(SafetyReason::code)
        .containsExactly("no-device-state");
  }

  @Test
  void aFreshParkedIdleDeviceIsSafe() {
    assertThat(DeviceStateRules.reasons(observed(DeviceConditions.IDLE, NOW.minusSeconds(5))))
        .isEmpty();
  }

  @Test
  void stateExactlyAsOldAsTheLimitStillCountsAndASecondMoreIsUnknown() {
    assertThat(DeviceStateRules.reasons(observed(DeviceConditions.IDLE, NOW.minus(MAX_AGE))))
        .isEmpty();

    assertThat(
            DeviceStateRules.reasons(
                observed(DeviceConditions.IDLE, NOW.minus(MAX_AGE).minusSeconds(1))))
        .containsExactly(
            SafetyReason.transientReason(
                "stale-device-state",
                "the device's state was observed at 2026-11-22T09:54:59Z, 301 s ago; state older"
                    + " than 300 s counts as unknown"));
  }

  @Test
  void staleStateIsUnknownSoWhatItSaidIsNotJudged() {
    assertThat(DeviceStateRules.reasons(observed(DRIVING, NOW.minusSeconds(3600))))
        .extracting(SafetyReason::code)
        .containsExactly("stale-device-state");
  }

  @Test
  void aReportObservedAfterNowOnTheDevicesClockCountsAsFresh() {
    assertThat(DeviceStateRules.reasons(observed(DeviceConditions.IDLE, NOW.plusSeconds(30))))
        .isEmpty();
  }

  @Test
  void everyReasonAFreshReportGivesIsTransient() {
    DeviceConditions busy = new DeviceConditions(false, 2, List.of("slide-out-extending"));

    assertThat(DeviceStateRules.reasons(observed(busy, NOW.minusSeconds(1))))
        .extracting(SafetyReason::code, SafetyReason::transientReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vehicle-moving", true),
            org.assertj.core.groups.Tuple.tuple("active-connections", true),
            org.assertj.core.groups.Tuple.tuple("interlock-engaged", true));
  }

  private static ReportedState never(boolean required) {
    return new ReportedState(Optional.empty(), NOW, MAX_AGE, required);
  }

  private static ReportedState observed(DeviceConditions conditions, Instant observedAt) {
    return new ReportedState(Optional.of(report(conditions, observedAt)), NOW, MAX_AGE, false);
  }

  private static DeviceStateReport report(DeviceConditions conditions, Instant observedAt) {
    return new DeviceStateReport(
        MessageId.random(), NOW, DeviceId.of("rv-0001"), observedAt, conditions, List.of());
  }
}
