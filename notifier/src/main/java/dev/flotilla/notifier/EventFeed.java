package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code flotilla.events} from the beginning (read_committed, every partition) on the
 * reader's own thread and hands each event to the {@link EventHub} on the notifier's Vert.x
 * context. The JSON is encoded here, once per event, off the event loop.
 */
public final class EventFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

  private final TopicReader<RolloutEvent> reader;

  private EventFeed(TopicReader<RolloutEvent> reader) {
    this.reader = reader;
  }

  /** Starts reading. Blocks briefly while the Kafka consumer is created: not on an event loop. */
  public static EventFeed start(KafkaSettings kafka, Context context, EventHub hub) {
    MessageCodec codec = new MessageCodec();
    TopicReader<RolloutEvent> reader =
        TopicReader.fromBeginning(
            kafka, Topics.EVENTS, record -> handOver(record, codec, context, hub));
    return new EventFeed(reader.start());
  }

  private static void handOver(
      Incoming<RolloutEvent> record, MessageCodec codec, Context context, EventHub hub) {
    FeedEvent event;
    try {
      event = FeedEvent.of(record.partition(), record.offset(), record.value(), codec);
    } catch (RuntimeException e) {
      log.error(
          "cannot encode the event at {}-{} for dashboards; it is not pushed",
          record.partition(),
          record.offset(),
          e);
      return;
    }
    context.runOnContext(ignored -> hub.publish(event));
  }

  /** Stops reading and waits for the reader's thread: blocks, not on an event loop. */
  @Override
  public void close() {
    reader.close();
  }
}
