package dev.flotilla.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.StepTimedOut;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RetryMeterTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RetryMeter meter = new RetryMeter(registry);

  @Test
  void deferralsAndTimeOutsAreCountedByTheStepTakenUpAgainAndWhy() {
    DeviceDeferred deferred = (DeviceDeferred) Samples.ALL.get(DeviceDeferred.class);
    StepTimedOut timedOut = (StepTimedOut) Samples.ALL.get(StepTimedOut.class);

    meter.count(deferred);
    meter.count(deferred);
    meter.count(timedOut);
    meter.count((RolloutFinished) Samples.ALL.get(RolloutFinished.class));

    String step = deferred.retryStep() == null ? "safety-check" : deferred.retryStep().wireName();
    assertThat(count(step, "deferred")).isEqualTo(2.0);
    assertThat(count(timedOut.step().wireName(), "timed-out")).isEqualTo(1.0);
    assertThat(registry.find(RetryMeter.NAME).counters()).hasSize(2);
  }

  private double count(String step, String cause) {
    return registry.get(RetryMeter.NAME).tag("step", step).tag("cause", cause).counter().count();
  }
}
