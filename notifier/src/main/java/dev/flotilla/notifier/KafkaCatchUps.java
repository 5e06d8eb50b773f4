package dev.flotilla.notifier;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicRange;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches clients up from {@code flotilla.events} itself: each gap is one bounded {@link
 * TopicRange} read on a worker thread, handed to the client a poll at a time; the next poll waits
 * until the client has written the last one, so a client far behind costs one poll of memory, not
 * the whole gap. A client that takes nothing for {@code patience} is given up (it is dropped, and
 * resumes when it reconnects).
 */
public final class KafkaCatchUps implements CatchUps {
  private static final Logger log = LoggerFactory.getLogger(KafkaCatchUps.class);

  private final KafkaSettings kafka;
  private final Context context;
  private final WorkerExecutor workers;
  private final Duration patience;

  public KafkaCatchUps(
      KafkaSettings kafka, Context context, WorkerExecutor workers, Duration patience) {
    this.kafka = kafka;
    this.context = context;
    this.workers = workers;
    this.patience = patience;
  }

  @Override
  public CatchUp start(HistoryGap gap, StreamPosition seen, Receiver receiver) {
    Reading reading = new Reading(gap, seen, receiver);
    workers
        .executeBlocking(reading::read, false)
        .onComplete(
            done -> {
              if (reading.cancelled) {
                return;
              }
              if (done.failed()) {
                receiver.failed(done.cause());
              } else {
                receiver.reached(done.result());
              }
            });
    return reading;
  }

  /** One gap being read; the worker thread reads, the context hands over and may cancel. */
  private final class Reading implements CatchUp {
    private final MessageCodec codec = new MessageCodec();
    private final HistoryGap gap;
    private final Receiver receiver;
    private volatile boolean cancelled;
    private volatile CompletableFuture<Void> handedOver;
    private StreamPosition at;

    private Reading(HistoryGap gap, StreamPosition seen, Receiver receiver) {
      this.gap = gap;
      this.receiver = receiver;
      this.at = seen;
    }

    @Override
    public void cancel() {
      cancelled = true;
      CompletableFuture<Void> waiting = handedOver;
      if (waiting != null) {
        waiting.cancel(false);
      }
    }

    /** On a worker thread: the position reached once the whole gap is read. */
    private StreamPosition read() throws Exception {
      boolean complete =
          TopicRange.read(
              kafka,
              Topics.EVENTS,
              gap.from(),
              gap.until(),
              batch -> !cancelled && handOver(batch.records()) && !cancelled);
      if (!complete) {
        return at;
      }
      // Whatever lay in the gap and is no event (a commit marker, a record that does not decode)
      // is behind the client too.
      return at.max(StreamPosition.of(gap.until()));
    }

    private boolean handOver(List<Incoming<RolloutEvent>> records)
        throws InterruptedException, ExecutionException, CatchUpStalled {
      List<FeedEvent> events = new ArrayList<>(records.size());
      for (Incoming<RolloutEvent> record : records) {
        try {
          FeedEvent event =
              FeedEvent.of(record.partition(), record.offset(), at, record.value(), codec);
          events.add(event);
          at = event.after();
        } catch (RuntimeException e) {
          log.error(
              "cannot encode the event at {}-{}; a client catching up goes without it",
              record.partition(),
              record.offset(),
              e);
        }
      }
      if (events.isEmpty()) {
        return true;
      }
      CompletableFuture<Void> taken = new CompletableFuture<>();
      handedOver = taken;
      context.runOnContext(
          ignored ->
              receiver
                  .take(events)
                  .onComplete(
                      done -> {
                        if (done.succeeded()) {
                          taken.complete(null);
                        } else {
                          taken.completeExceptionally(done.cause());
                        }
                      }));
      if (cancelled) {
        return false; // cancel() may have looked before handedOver was set
      }
      try {
        taken.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        throw new CatchUpStalled(patience);
      } catch (java.util.concurrent.CancellationException e) {
        return false;
      }
    }
  }

  /** The client took no events for too long while being caught up. */
  static final class CatchUpStalled extends Exception {
    private static final long serialVersionUID = 1L;

    CatchUpStalled(Duration patience) {
      super("the client took no events for " + patience + " while being caught up");
    }
  }
}
