package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import java.util.List;

/**
 * The one writer of dead letters for topics that are followed rather than consumed in a group: the
 * catalogue, the device reports and the event log are read whole by several services at once, each
 * of which skips a record it cannot decode (a {@link TopicReader}); if each dead-lettered it, it
 * would be there many times. This loop reads those topics in a consumer group of its own, so each
 * partition has one reader among all instances, and writes each record that does not decode to
 * {@code flotilla.dlq} with the reason, in one transaction with its offset: once, whatever crashes.
 * Valid records pass untouched.
 */
public final class PoisonGuard implements AutoCloseable {
  public static final String GROUP = "flotilla-poison-guard";

  private final TransactionalLoop loop;

  private PoisonGuard(TransactionalLoop loop) {
    this.loop = loop;
  }

  public static PoisonGuard start(KafkaSettings kafka, List<Topic<?>> followed) {
    return new PoisonGuard(
        TransactionalLoop.builder(kafka, GROUP, GROUP)
            .subscribe(followed)
            .handler(record -> List.of())
            .maxPollRecords(500)
            .build()
            .start());
  }

  public LoopHealth health() {
    return loop.health();
  }

  @Override
  public void close() {
    loop.close();
  }
}
