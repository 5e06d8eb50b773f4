package dev.flotilla.coordinator.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.coordinator.saga.DeviceSaga;
import dev.flotilla.coordinator.saga.RolloutDecider;
import dev.flotilla.coordinator.saga.RolloutStanding;
import dev.flotilla.coordinator.saga.RolloutState;
import dev.flotilla.coordinator.saga.SagaScenario;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every fold of the event log handles every event type there is, on logs the real decider wrote;
 * and the folds that show a rollout (the projection, {@code flotilla watch}) say what the decider
 * knows, after every single event.
 */
class EveryFoldHandlesEveryEventTest {
  private final List<SagaScenario> scenarios =
      List.of(DeciderLogs.eventful("r-eventful"), DeciderLogs.rejectedThenCorrected("r-corrected"));

  @Test
  void theseLogsHoldEveryEventType() {
    assertThat(allEvents().stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(RolloutEvent.class.getPermittedSubclasses());
  }

  @Test
  void everyFoldTakesEveryEvent() {
    InMemoryRows rows = new InMemoryRows();
    for (SagaScenario scenario : scenarios) {
      RolloutProgress progress = new RolloutProgress(scenario.state.rolloutId());
      RolloutStanding standing = RolloutStanding.NEW;
      for (RolloutEvent event : scenario.log) {
        String what = event.getClass().getSimpleName() + " #" + event.sequence();
        standing = standing.evolve(event);
        progress.apply(event);
        List<RowChange> changes = rows.apply(event);
        assertThat(changes).as(what).hasAtLeastOneElementOfType(RowChange.AddAudit.class);
        assertThat(changes.stream().anyMatch(RowChange.AddHistory.class::isInstance))
            .as(what + " is about one device")
            .isEqualTo(DeviceLine.of(event).isPresent());
        assertThat(EventSummaries.of(event)).as(what).isNotBlank();
      }
      assertThat(standing.ended()).isTrue();
      assertThat(progress.finished()).isTrue();
    }
    assertThat(rows.audit).hasSize(allEvents().size());
  }

  @Test
  void theProjectionAndTheWatchSayWhatTheDeciderKnowsAfterEveryEvent() {
    for (SagaScenario scenario : scenarios) {
      RolloutId id = scenario.state.rolloutId();
      RolloutState state = RolloutState.initial(id);
      InMemoryRows rows = new InMemoryRows();
      RolloutProgress progress = new RolloutProgress(id);
      for (RolloutEvent event : scenario.log) {
        String after = "after " + event.getClass().getSimpleName() + " #" + event.sequence();
        state = RolloutDecider.evolve(state, event);
        rows.apply(event);
        progress.apply(event);

        RolloutRow row = rows.rollout(id.value()).orElseThrow();
        assertThat(row.standing()).as(after).isEqualTo(state.standing());
        assertThat(progress.standing()).as(after).isEqualTo(state.standing());
        assertThat(counts(row)).as(after).isEqualTo(state.counts());
        Map<DeviceStage, Integer> stages = stagesOf(state);
        assertThat(progress.countsByStage()).as(after).isEqualTo(stages);
        for (DeviceId device : state.devices()) {
          assertThat(rows.device(id.value(), device.value()).orElseThrow().stage())
              .as(after + ": " + device)
              .isEqualTo(state.sagas().get(device).stage());
        }
      }
    }
  }

  private List<RolloutEvent> allEvents() {
    List<RolloutEvent> all = new ArrayList<>();
    scenarios.forEach(s -> all.addAll(s.log));
    return all;
  }

  private static RolloutCounts counts(RolloutRow row) {
    return new RolloutCounts(
        row.done(), row.failed(), row.rolledBack(), row.skipped(), row.needsAttention());
  }

  private static Map<DeviceStage, Integer> stagesOf(RolloutState state) {
    Map<DeviceStage, Integer> stages = new EnumMap<>(DeviceStage.class);
    for (DeviceSaga saga : state.sagas().values()) {
      stages.merge(saga.stage(), 1, Integer::sum);
    }
    return stages;
  }
}
