package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.StepTimedOut;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the devices the coordinator sends round again, as {@code flotilla_device_retries_total}:
 * by the step taken up again ({@code safety-check} when a device starts over) and why ({@code
 * deferred}: not safe yet, or a repeatable step failed for its surroundings; {@code timed-out}: no
 * answer within the step's time). Counted as decided: a batch decided again after its transaction
 * was aborted counts again. A meter for operators, not the audit: the log has every retry exactly.
 */
final class RetryMeter {
  static final String NAME = "flotilla.device.retries";

  private final MeterRegistry registry;

  RetryMeter(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(RolloutEvent event) {
    if (event instanceof DeviceDeferred deferred) {
      counter(
              deferred.retryStep() == null ? "safety-check" : deferred.retryStep().wireName(),
              "deferred")
          .increment();
    } else if (event instanceof StepTimedOut timedOut) {
      counter(timedOut.step().wireName(), "timed-out").increment();
    }
  }

  private Counter counter(String step, String cause) {
    return Counter.builder(NAME)
        .description("Devices sent round a step again, by the step and why")
        .tag("step", step)
        .tag("cause", cause)
        .register(registry);
  }
}
