package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code flotilla.events} from the beginning (read_committed, every partition) on the
 * reader's own thread and hands each event to the {@link EventHub} on the notifier's Vert.x
 * context. The JSON and the event id are made here, once per event, off the event loop.
 */
public final class EventFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

  /** The most events handed over at once: a bound on one write per client. */
  static final int MAX_BATCH = 500;

  private final MessageCodec codec = new MessageCodec();

  /** Read and encoded, not yet handed to the hub; the reader adds, the context takes. */
  private final Queue<FeedEvent> pending = new ConcurrentLinkedQueue<>();

  /** True while a hand-over is scheduled on the context and has not started taking. */
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private final Context context;
  private final EventHub hub;
  private TopicReader<RolloutEvent> reader;

  /** Where the reader stands; touched on the reader's thread only. */
  private StreamPosition read = StreamPosition.START;

  private EventFeed(Context context, EventHub hub) {
    this.context = context;
    this.hub = hub;
  }

  /** Starts reading. Blocks briefly while the Kafka consumer is created: not on an event loop. */
  public static EventFeed start(KafkaSettings kafka, Context context, EventHub hub) {
    EventFeed feed = new EventFeed(context, hub);
    // A follower: new events answer its long poll at once, and nothing waits for it to catch up.
    feed.reader =
        TopicReader.inBatches(kafka, Topics.EVENTS, Map.of(), feed::handOver)
            .lazyCatchUps()
            .start();
    return feed;
  }

  /**
   * Events go over in batches, so that each client gets a batch in one write: with many clients, a
   * write (and its flush) per client per event is what the event loop would spend its time on.
   * Never throws: the reader would read the poll again.
   */
  private void handOver(TopicReader.Batch<RolloutEvent> batch) {
    List<FeedEvent> events = new ArrayList<>(batch.records().size());
    for (Incoming<RolloutEvent> record : batch.records()) {
      try {
        FeedEvent event =
            FeedEvent.of(record.partition(), record.offset(), read, record.value(), codec);
        read = event.after();
        events.add(event);
      } catch (RuntimeException e) {
        log.error(
            "cannot encode the event at {}-{} for dashboards; it is not pushed",
            record.partition(),
            record.offset(),
            e);
      }
    }
    if (events.isEmpty()) {
      return;
    }
    pending.addAll(events);
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(ignored -> publishPending());
    }
  }

  /**
   * On the notifier's context: everything read since the last hand-over, up to {@link #MAX_BATCH},
   * as one batch. While the event loop is busy the reader goes on reading, so the next batch is
   * larger: the busier it is, the fewer writes per event it makes.
   */
  private void publishPending() {
    scheduled.set(false); // before taking: what comes after schedules another hand-over
    List<FeedEvent> batch = new ArrayList<>();
    for (FeedEvent event; batch.size() < MAX_BATCH && (event = pending.poll()) != null; ) {
      batch.add(event);
    }
    if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
      context.runOnContext(ignored -> publishPending());
    }
    if (!batch.isEmpty()) {
      hub.publishAll(batch);
    }
  }

  /** Its reader of the event log runs. */
  public boolean running() {
    return reader.running();
  }

  /** Stops reading and waits for the reader's thread: blocks, not on an event loop. */
  @Override
  public void close() {
    reader.close();
  }
}
