package dev.flotilla.contracts.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An operator's restore on the wire: read as strictly as an update request, on the same topic, and
 * carried by a rollout that names no migration.
 */
class RestoreRequestTest {
  private final MessageCodec codec = new MessageCodec();

  private static final String MINIMAL =
      """
      {"type": "RestoreRequest", "schema": 1, "rolloutId": "restore-1", "deviceId": "rv-0001"}
      """;

  @Test
  void aHandWrittenRestoreNeedsOnlyItsRolloutAndDevice() {
    RestoreRequest request = codec.decode(MINIMAL, RestoreRequest.class);

    assertThat(request.deviceId()).isEqualTo(DeviceId.of("rv-0001"));
    assertThat(request.backupId()).as("the newest intact backup").isNull();
    assertThat(request.policy()).isEqualTo(RestorePolicy.DEFAULT);
    assertThat(request.requestedBy()).isEqualTo("unknown");
    assertThat(request.messageId()).isNotNull();
  }

  @Test
  void updateRequestsAndRestoresShareTheirTopicAndAreToldApartByType() {
    byte[] restore = MINIMAL.getBytes(StandardCharsets.UTF_8);
    byte[] update = codec.encode(Samples.of(UpdateRequest.class));

    assertThat(codec.decode(Topics.UPDATE_REQUESTS, restore)).isInstanceOf(RestoreRequest.class);
    assertThat(codec.decode(Topics.UPDATE_REQUESTS, update)).isInstanceOf(UpdateRequest.class);
  }

  @Test
  void aPolicyKnobThatMeansNothingForARestoreIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                codec.decode(
                    """
                    {"type": "RestoreRequest", "schema": 1, "rolloutId": "restore-1",
                     "deviceId": "rv-0001", "policy": {"waves": [50, 100]}}
                    """,
                    RestoreRequest.class))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("policy.waves")
        .hasMessageContaining("is not a field of RestorePolicy");
  }

  @Test
  void aMissingDeviceOrABadBackupIdIsAnErrorNamingTheField() {
    assertThatThrownBy(
            () ->
                codec.decode(
                    """
                    {"type": "RestoreRequest", "schema": 1, "rolloutId": "restore-1"}
                    """,
                    RestoreRequest.class))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("deviceId");
    assertThatThrownBy(
            () ->
                codec.decode(
                    """
                    {"type": "RestoreRequest", "schema": 1, "rolloutId": "restore-1",
                     "deviceId": "rv-0001", "backupId": "../etc/passwd"}
                    """,
                    RestoreRequest.class))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("backupId");
  }

  @Test
  void theRestorePolicyKeepsTheUpdatePolicysDefaultsAndRunsOneDeviceAlone() {
    RolloutPolicy policy = RestorePolicy.DEFAULT.asRolloutPolicy();

    assertThat(policy.stepTimeoutSeconds()).isEqualTo(RolloutPolicy.DEFAULT.stepTimeoutSeconds());
    assertThat(policy.safetyGiveUpSeconds()).isEqualTo(RolloutPolicy.DEFAULT.safetyGiveUpSeconds());
    assertThat(policy.dryRun()).isFalse();
    assertThat(new RestorePolicy(90, true, 5, 60, 30).asRolloutPolicy())
        .extracting(
            RolloutPolicy::stepTimeoutSeconds,
            RolloutPolicy::requireReportedState,
            RolloutPolicy::safetyRetrySeconds,
            RolloutPolicy::safetyGiveUpSeconds,
            RolloutPolicy::maxStateAgeSeconds)
        .containsExactly(90, true, 5, 60, 30);
  }

  @Test
  void aRestoreRolloutNamesNoMigrationAndCoversOneDevice() {
    RolloutAccepted sample = Samples.of(RolloutAccepted.class);
    BackupChoice choice = new BackupChoice(null, Samples.AT);

    assertThat(sample.restoring()).isTrue();
    assertThatThrownBy(
            () ->
                new RolloutAccepted(
                    MessageId.random(),
                    sample.rolloutId(),
                    1,
                    MessageId.random(),
                    Samples.AT,
                    Samples.SET,
                    VersionId.of(5),
                    List.of(Samples.DEVICE),
                    sample.policy(),
                    "ops",
                    choice))
        .hasMessageContaining("restore");
    assertThatThrownBy(
            () ->
                new RolloutAccepted(
                    MessageId.random(),
                    sample.rolloutId(),
                    1,
                    MessageId.random(),
                    Samples.AT,
                    null,
                    null,
                    List.of(Samples.DEVICE, DeviceId.of("rv-0002")),
                    sample.policy(),
                    "ops",
                    choice))
        .hasMessageContaining("exactly one device");
    assertThatThrownBy(
            () ->
                new RolloutAccepted(
                    MessageId.random(),
                    sample.rolloutId(),
                    1,
                    MessageId.random(),
                    Samples.AT,
                    null,
                    null,
                    List.of(Samples.DEVICE),
                    sample.policy(),
                    "ops"))
        .as("a migration still needs its set")
        .hasMessageContaining("migrationSet");
  }

  @Test
  void aSafetyCheckBeforeAMigrationStillNeedsItsSetAndTarget() {
    RunSafetyCheck restore = Samples.of(RunSafetyCheck.class);

    assertThat(restore.restoring()).isTrue();
    assertThatThrownBy(
            () ->
                new RunSafetyCheck(
                    restore.messageId(),
                    restore.commandId(),
                    restore.rolloutId(),
                    restore.deviceId(),
                    restore.causationId(),
                    restore.occurredAt(),
                    restore.deadline(),
                    null,
                    null,
                    false,
                    null,
                    null,
                    Step.MIGRATE))
        .hasMessageContaining("migrationSet");
    assertThatThrownBy(
            () ->
                new RunSafetyCheck(
                    restore.messageId(),
                    restore.commandId(),
                    restore.rolloutId(),
                    restore.deviceId(),
                    restore.causationId(),
                    restore.occurredAt(),
                    restore.deadline(),
                    Samples.SET,
                    VersionId.of(5),
                    false,
                    null,
                    null,
                    Step.RESTORE))
        .hasMessageContaining("names no migrationSet");
    assertThatThrownBy(
            () ->
                new RunSafetyCheck(
                    restore.messageId(),
                    restore.commandId(),
                    restore.rolloutId(),
                    restore.deviceId(),
                    restore.causationId(),
                    restore.occurredAt(),
                    restore.deadline(),
                    null,
                    null,
                    false,
                    null,
                    null,
                    Step.VERIFY))
        .hasMessageContaining("purpose");
  }
}
