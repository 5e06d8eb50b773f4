package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Backoff;
import dev.flotilla.messaging.GroupOffsets;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code flotilla.events} for one webhook receiver from its durable position — the offsets
 * committed under its consumer group — and hands the events it is owed to its {@link
 * WebhookSender}; commits an event's offset only once the receiver has answered 2xx, so a receiver
 * that is down, even across a notifier restart, loses nothing (it may get an event twice; the
 * body's id tells). A receiver seen for the first time starts at the end of the topic: it is owed
 * what happens from then on. Reads and commits on threads of its own, never on the event loop.
 */
final class WebhookFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookFeed.class);

  /** How often progress past events nobody is owed is committed (a restart reads them again). */
  private static final Duration SKIPPED_COMMIT_EVERY = Duration.ofSeconds(5);

  private static final Duration WAIT_STEP = Duration.ofMillis(500);

  private final KafkaSettings kafka;
  private final Context context;
  private final WebhookSender sender;
  private final WebhookTarget target;
  private final MessageCodec codec = new MessageCodec();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Thread starter;
  private volatile GroupOffsets offsets;
  private volatile TopicReader<RolloutEvent> reader;

  /** What the receiver has taken in this run; touched on the reader's thread only. */
  private StreamPosition delivered = StreamPosition.START;

  private Map<Integer, Long> lastCommitted = Map.of();
  private long lastCommitNanos = System.nanoTime();

  private WebhookFeed(
      KafkaSettings kafka, Context context, WebhookSender sender, WebhookTarget target) {
    this.kafka = kafka;
    this.context = context;
    this.sender = sender;
    this.target = target;
    this.starter = new Thread(this::startReading, "flotilla-webhook-" + target.groupId());
    this.starter.setDaemon(true);
  }

  /** Starts finding the receiver's position, then reading, on threads of their own. */
  static WebhookFeed start(
      KafkaSettings kafka, Context context, WebhookSender sender, WebhookTarget target) {
    WebhookFeed feed = new WebhookFeed(kafka, context, sender, target);
    feed.starter.start();
    return feed;
  }

  /** Stops reading and waits for the threads: blocks, not on an event loop. */
  @Override
  public void close() {
    stopping.countDown();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    TopicReader<RolloutEvent> reading = reader;
    if (reading != null) {
      reading.close();
    }
    GroupOffsets committing = offsets;
    if (committing != null) {
      committing.close();
    }
  }

  /** Finds the position (until Kafka answers or the feed is closed), then follows from it. */
  private void startReading() {
    Backoff retry = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    offsets = GroupOffsets.of(kafka, target.groupId(), Topics.EVENTS);
    while (!stopped()) {
      try {
        Map<Integer, Long> start = position();
        lastCommitted = start;
        reader =
            TopicReader.inBatches(kafka, Topics.EVENTS, start, this::deliver)
                .lazyCatchUps()
                .start();
        context.runOnContext(ignored -> sender.ready());
        log.info("webhook {} follows flotilla.events from {}", target, start);
        return;
      } catch (RuntimeException e) {
        Duration pause = retry.next();
        log.warn(
            "cannot find where webhook {} stands in flotilla.events ({}); trying again in {}",
            target,
            e.getMessage(),
            pause);
        await(pause);
      }
    }
  }

  /**
   * The committed offsets; a partition with none starts at its end, committed at once, so that from
   * now on the receiver is owed every event, even if the notifier stops before it delivers one.
   */
  private Map<Integer, Long> position() {
    Map<Integer, Long> start = new HashMap<>(offsets.committed());
    Map<Integer, Long> fresh = new HashMap<>();
    offsets
        .ends()
        .forEach(
            (partition, end) -> {
              if (!start.containsKey(partition)) {
                fresh.put(partition, end);
              }
            });
    offsets.commit(fresh);
    start.putAll(fresh);
    return start;
  }

  /** On the reader's thread: delivers the owed events of one poll in order, committing each. */
  private void deliver(TopicReader.Batch<RolloutEvent> batch) throws Exception {
    List<WebhookCall> owed = new ArrayList<>();
    for (Incoming<RolloutEvent> record : batch.records()) {
      EventPosition position = new EventPosition(record.partition(), record.offset());
      if (!delivered.hasSeen(position) && WebhookEvents.owed(record.value())) {
        owed.add(WebhookCall.of(position, record.value(), codec));
      }
    }
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    for (WebhookCall call : owed) {
      CompletableFuture<Void> answered = new CompletableFuture<>();
      answers.add(answered);
      context.runOnContext(
          ignored ->
              sender
                  .deliver(call)
                  .onComplete(
                      done -> {
                        if (done.succeeded()) {
                          answered.complete(null);
                        } else {
                          answered.completeExceptionally(done.cause());
                        }
                      }));
    }
    for (int i = 0; i < owed.size(); i++) {
      if (!awaitDelivery(answers.get(i))) {
        return; // stopping: what was not delivered stays uncommitted
      }
      EventPosition position = owed.get(i).position();
      delivered = delivered.passing(position);
      commit(Map.of(position.partition(), position.offset() + 1));
    }
    if (!owed.isEmpty() || System.nanoTime() - lastCommitNanos > SKIPPED_COMMIT_EVERY.toNanos()) {
      commit(batch.nextOffsets());
    }
  }

  private void commit(Map<Integer, Long> nextOffsets) {
    Map<Integer, Long> moved = new HashMap<>();
    nextOffsets.forEach(
        (partition, offset) -> {
          if (offset > lastCommitted.getOrDefault(partition, -1L)) {
            moved.put(partition, offset);
          }
        });
    if (moved.isEmpty()) {
      return;
    }
    offsets.commit(moved);
    Map<Integer, Long> now = new HashMap<>(lastCommitted);
    now.putAll(moved);
    lastCommitted = now;
    lastCommitNanos = System.nanoTime();
  }

  /** Waits for the receiver to take a call; false when the feed is closed first. */
  private boolean awaitDelivery(CompletableFuture<Void> answered)
      throws ExecutionException, InterruptedException {
    while (!stopped()) {
      try {
        answered.get(WAIT_STEP.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        // the receiver may be down for long: look at stopping now and then
      } catch (ExecutionException e) {
        if (stopped()) {
          return false;
        }
        throw e;
      }
    }
    return false;
  }

  private void await(Duration pause) {
    try {
      stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.countDown();
    }
  }

  private boolean stopped() {
    return stopping.getCount() == 0;
  }
}
