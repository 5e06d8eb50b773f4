package dev.flotilla.messaging;

import dev.flotilla.messaging.RecordProcessor.Handled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns one polled batch into the records to send: invalid records become dead letters, the rest go
 * through the handler. With parallelism above one, records of different keys are handled
 * concurrently while records of one key keep their order; results always come back in record order.
 * A record the gate does not let through yet is held, and with it the rest of its partition.
 */
final class BatchHandler implements AutoCloseable {
  /**
   * What a batch produced, in record order, and where each held partition must be read again from:
   * nothing of a held partition at or after that offset was handled.
   */
  record Handling(List<Handled> handled, Map<TopicPartition, Long> heldFrom) {}

  private final RecordProcessor processor;
  private final RecordGate gate;
  private final ExecutorService pool;

  BatchHandler(RecordProcessor processor, RecordGate gate, String groupId, int parallelism) {
    this.processor = processor;
    this.gate = gate;
    this.pool =
        parallelism > 1 ? Executors.newFixedThreadPool(parallelism, threads(groupId)) : null;
  }

  /**
   * @throws Exception the first exception of the handler, after every started handler call ended
   */
  Handling handle(ConsumerRecords<byte[], byte[]> batch) throws Exception {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(batch.count());
    batch.forEach(records::add);
    Handled[] results = new Handled[records.size()];
    Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
    Map<TopicPartition, Long> heldFrom = new HashMap<>();
    List<Incoming<?>> decoded = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = records.get(i);
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      if (heldFrom.containsKey(partition)) {
        decoded.add(null); // behind a held record: read again, after it
        continue;
      }
      RecordCodec.Decoded<?> result = processor.decode(record);
      if (result instanceof RecordCodec.Valid<?> valid && !gate.ready(valid.incoming())) {
        decoded.add(null);
        heldFrom.put(partition, record.offset());
      } else if (result instanceof RecordCodec.Valid<?> valid) {
        decoded.add(valid.incoming());
        // Keyless records have no order to keep: each is a group of its own.
        Object key = valid.incoming().key() != null ? valid.incoming().key() : Integer.valueOf(i);
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      } else if (result instanceof RecordCodec.Invalid<?> invalid) {
        decoded.add(null);
        results[i] = processor.deadLetter(record, invalid.reason());
      }
    }
    List<Callable<Void>> groups = new ArrayList<>(byKey.size());
    for (List<Integer> indices : byKey.values()) {
      groups.add(
          () -> {
            for (int i : indices) {
              results[i] = processor.handle(decoded.get(i), records.get(i));
            }
            return null;
          });
    }
    runAll(groups);
    List<Handled> handled = new ArrayList<>(results.length);
    for (Handled result : results) {
      if (result != null) {
        handled.add(result);
      }
    }
    return new Handling(handled, heldFrom);
  }

  private void runAll(List<Callable<Void>> groups) throws Exception {
    if (pool == null || groups.size() < 2) {
      for (Callable<Void> group : groups) {
        group.call();
      }
      return;
    }
    // invokeAll returns only when every group has ended, so no handler is still working on this
    // batch when it is retried.
    Exception first = null;
    for (Future<Void> done : pool.invokeAll(groups)) {
      try {
        done.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        if (first == null) {
          first = (Exception) e.getCause();
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private static java.util.concurrent.ThreadFactory threads(String groupId) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "flotilla-handler-" + groupId + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
