package dev.flotilla.coordinator.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.coordinator.saga.RolloutStatus;
import dev.flotilla.coordinator.saga.SagaScenario;
import org.junit.jupiter.api.Test;

/**
 * An operator's restore in the projections: a rollout without a set, its device done at the
 * restored version, and an audit trail that says who restored which backup and where the replaced
 * database went.
 */
class RestoreProjectionTest {
  private final SagaScenario r = DeciderLogs.scenario("restore-rv-1");

  @Test
  void aRestoreShowsAsARolloutOfOneDeviceAndItsAuditNamesBothBackups() {
    r.startRestore("rv-1", "rv-1-yesterday");
    r.succeed("rv-1");

    InMemoryRows rows = InMemoryRows.after(r.log);

    RolloutRow rollout = rows.rollout(r);
    assertThat(rollout.status()).isEqualTo(RolloutStatus.FINISHED);
    assertThat(rollout.migrationSet()).isNull();
    assertThat(rollout.targetVersion()).isNull();
    assertThat(rollout.requestedBy()).isEqualTo("ops@example.com");
    assertThat(rollout.done()).isEqualTo(1);
    RolloutDeviceRow device = rows.device(r, "rv-1");
    assertThat(device.stage()).isEqualTo(DeviceStage.DONE);
    assertThat(device.version()).isEqualTo(SagaScenario.RESTORED_VERSION);
    assertThat(device.backupId()).isEqualTo("rv-1-b1");
    assertThat(rows.audit)
        .extracting(AuditRow::summary)
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains("restore of rv-1 from backup rv-1-yesterday")
                    .contains("requested by ops@example.com"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains("restore dispatched (from backup rv-1-yesterday")
                    .contains("the database it replaces is kept in backup rv-1-b1"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains("restored from backup rv-1-yesterday at version 1")
                    .contains("kept in backup rv-1-b1"));
  }
}
