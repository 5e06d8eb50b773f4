package dev.flotilla.messaging;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.EventChain;
import dev.flotilla.contracts.event.EventChainCheck;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Checks the hash chains of the events on a topic as they were written ({@link EventChainCheck}),
 * each record read raw so that its bytes and its chain header are the ones on the log.
 */
public final class EventChains {
  private EventChains() {}

  /**
   * The chains of every rollout {@code rollouts} keeps, read to the topic's end. A record that is
   * no event counts as unreadable when every rollout is checked ({@code all}), and is passed over
   * when only some are: it can belong to none of them.
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when the topic is not read to its end
   *     within {@code timeout}
   */
  public static EventChainCheck.Report check(
      KafkaSettings kafka,
      String topic,
      Duration timeout,
      Predicate<RolloutId> rollouts,
      boolean all) {
    MessageCodec codec = new MessageCodec();
    EventChainCheck check = new EventChainCheck();
    RawLog.readToEnd(
        kafka,
        topic,
        timeout,
        record -> {
          EventChainCheck.Position at =
              new EventChainCheck.Position(record.partition(), record.offset());
          RolloutEvent event;
          try {
            event = codec.decode(record.value(), RolloutEvent.class);
          } catch (RuntimeException e) {
            if (all) {
              check.acceptUnreadable(at, String.valueOf(e.getMessage()));
            }
            return;
          }
          if (rollouts.test(event.rolloutId())) {
            check.accept(at, event, record.header(EventChain.HEADER), record.value());
          }
        });
    return check.report();
  }
}
