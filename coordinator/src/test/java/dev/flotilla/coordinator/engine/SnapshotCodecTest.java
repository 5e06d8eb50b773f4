package dev.flotilla.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.coordinator.saga.RolloutState;
import dev.flotilla.coordinator.saga.SagaScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot gives back the state it was taken of, whatever the rollout's kind. */
class SnapshotCodecTest {
  private final SnapshotCodec codec = new SnapshotCodec(new MessageCodec());

  private RolloutState roundTrip(RolloutState state) {
    SnapshotCodec.PartitionSnapshot snapshot =
        codec.decode(codec.encode(42, List.of(state), java.util.Map.of()));
    assertThat(snapshot.nextOffset()).isEqualTo(42);
    return codec.state(snapshot.rollouts().get(0));
  }

  @Test
  void aRunningRestoreComesBackWithItsChoiceAndTheBackupItFound() {
    SagaScenario scenario = new SagaScenario();
    scenario.startRestore("rv-1", null);
    scenario.reply("rv-1", SagaScenario::success);
    scenario.reply("rv-1", SagaScenario::success);

    RolloutState back = roundTrip(scenario.state);

    assertThat(back).isEqualTo(scenario.state);
    assertThat(back.restoring()).isTrue();
    assertThat(back.migrationSet()).isNull();
  }

  @Test
  void aRunningMigrationComesBackAsItWas() {
    SagaScenario scenario = new SagaScenario();
    scenario.start(1, "rv-1", "rv-2");
    scenario.reply("rv-1", SagaScenario::success);
    scenario.reply("rv-1", SagaScenario::success);

    RolloutState back = roundTrip(scenario.state);

    assertThat(back).isEqualTo(scenario.state);
    assertThat(back.restoring()).isFalse();
  }
}
