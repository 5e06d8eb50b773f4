package dev.flotilla.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KeyPartitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestReadinessTest {
  private static final KeyPartitions PARTITIONS = new KeyPartitions(6);

  private final List<CompletableFuture<Void>> catchUps = new ArrayList<>();
  private final RequestReadiness readiness =
      new RequestReadiness(
          () -> {
            CompletableFuture<Void> catchUp = new CompletableFuture<>();
            catchUps.add(catchUp);
            return catchUp;
          });

  @Test
  void aRequestIsHeldUntilTheViewHasCaughtUpSinceItWasFirstSeen() {
    Incoming<RolloutMessage> request = request("r-1", 40);

    assertThat(readiness.ready(request)).isFalse();
    assertThat(readiness.ready(request)).isFalse();
    // Seen again while the catch-up runs: the same catch-up, not a new one each time.
    assertThat(catchUps).hasSize(1);

    catchUps.get(0).complete(null);
    assertThat(readiness.ready(request)).isTrue();
  }

  @Test
  void eachRequestWaitsForACatchUpStartedAfterItWasRead() {
    Incoming<RolloutMessage> first = request("r-1", 40);
    assertThat(readiness.ready(first)).isFalse();
    catchUps.get(0).complete(null);
    Incoming<RolloutMessage> second = request("r-2", 41);

    assertThat(readiness.ready(second)).isFalse();
    assertThat(catchUps).hasSize(2);
    assertThat(readiness.ready(first)).isTrue();
  }

  @Test
  void recordsOnTheRolloutsOwnPartitionsAreNeverHeldOnlyThoseToJudge() {
    RolloutId rollout = RolloutId.of("r-3");
    int home = PARTITIONS.partitionOf(rollout.value());
    Incoming<ControlCommand> control =
        new Incoming<>(
            Topics.CONTROL, home, 5, rollout.value(), new PauseRollout(rollout, "ops", null, null));
    RolloutRequest request = (RolloutRequest) request("r-3", 7).value();
    Incoming<RolloutRequest> toForward =
        new Incoming<>(Topics.UPDATE_REQUESTS, home, 7, rollout.value(), request);

    assertThat(readiness.ready(control)).isTrue();
    assertThat(readiness.ready(toForward)).isTrue();
    assertThat(catchUps).isEmpty();

    Incoming<RolloutMessage> controlToJudge =
        new Incoming<>(
            Topics.ADMISSIONS, 0, 8, rollout.value(), new PauseRollout(rollout, "ops", null, null));
    assertThat(readiness.ready(controlToJudge)).isFalse();
    assertThat(catchUps).hasSize(1);
  }

  @Test
  void aFailedCatchUpHoldsTheRequestAndTheNextLookStartsAnother() {
    Incoming<RolloutMessage> request = request("r-4", 9);
    assertThat(readiness.ready(request)).isFalse();

    catchUps.get(0).completeExceptionally(new IllegalStateException("the reader has stopped"));
    assertThat(readiness.ready(request)).isFalse();
    assertThat(readiness.ready(request)).isFalse();

    assertThat(catchUps).hasSize(2);
    catchUps.get(1).complete(null);
    assertThat(readiness.ready(request)).isTrue();
  }

  @Test
  void aRequestOfARevokedPartitionStartsAfreshWhenItComesBack() {
    Incoming<RolloutMessage> request = request("r-5", 11);
    assertThat(readiness.ready(request)).isFalse();

    readiness.forget(Set.of(request.partition()));
    catchUps.get(0).complete(null);

    assertThat(readiness.ready(request)).isFalse();
    assertThat(catchUps).hasSize(2);
  }

  /** A request on the admissions topic, where it is judged. */
  private static Incoming<RolloutMessage> request(String rolloutId, long offset) {
    RolloutId rollout = RolloutId.of(rolloutId);
    UpdateRequest request =
        new UpdateRequest(
            rollout,
            MigrationSetId.of("set"),
            VersionId.of(2),
            Selector.devices(List.of(DeviceId.of("d-1"))),
            RolloutPolicy.DEFAULT,
            "ops",
            MessageId.random(),
            Instant.parse("2026-12-06T10:00:00Z"));
    return new Incoming<>(Topics.ADMISSIONS, 0, offset, rollout.value(), request);
  }
}
