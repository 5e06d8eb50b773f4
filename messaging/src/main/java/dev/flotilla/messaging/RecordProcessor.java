package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a loop does with one polled record, whichever way it batches them: decode it, then either
 * dead-letter it or hand it to the handler under its trace context, and encode what comes out.
 */
final class RecordProcessor {
  private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

  /** What one input record produced, and the trace context to send it under. */
  record Handled(Context context, List<ProducerRecord<byte[], byte[]>> records) {
    /** Sends the records under their trace context. */
    void sendWith(Producer<byte[], byte[]> producer) {
      context.wrap(() -> records.forEach(producer::send)).run();
    }
  }

  private final Map<String, Topic<?>> topics;
  private final RecordHandler handler;
  private final InvalidRecordHandler invalidRecords;
  private final RecordCodec codec;
  private final String groupId;

  RecordProcessor(
      List<Topic<?>> topics,
      RecordHandler handler,
      InvalidRecordHandler invalidRecords,
      RecordCodec codec,
      String groupId) {
    Map<String, Topic<?>> byName = new LinkedHashMap<>();
    topics.forEach(topic -> byName.put(topic.name(), topic));
    this.topics = Map.copyOf(byName);
    this.handler = handler;
    this.invalidRecords = invalidRecords;
    this.codec = codec;
    this.groupId = groupId;
  }

  RecordCodec.Decoded<?> decode(ConsumerRecord<byte[], byte[]> record) {
    return codec.decode(topics.get(record.topic()), record);
  }

  /** The dead letter, and whatever the invalid-record handler publishes because of it. */
  Handled deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    Metrics.counter("flotilla.dead.letters", "topic", record.topic(), "group", groupId).increment();
    log.warn(
        "Dead-lettering {}-{}@{} (group {}): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        groupId,
        reason);
    List<ProducerRecord<byte[], byte[]>> produced = new ArrayList<>();
    produced.add(DeadLetters.of(record, reason, groupId));
    InvalidRecord invalid =
        new InvalidRecord(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            reason);
    invalidRecords.handle(invalid).forEach(output -> produced.add(codec.toRecord(output)));
    return new Handled(Context.root(), produced);
  }

  /**
   * Runs the handler with the message's ids in the log context ({@link LogIds}), in a span of the
   * trace the record came with: what the handler sends carries that span, so a worker's reply
   * continues the trace of the command it answers.
   *
   * @throws Exception what the handler threw
   */
  Handled handle(Incoming<?> incoming, ConsumerRecord<byte[], byte[]> record) throws Exception {
    Context parent = TraceHeaders.extract(record.headers());
    SpanBuilder builder =
        SagaTraces.tracer()
            .spanBuilder("process " + record.topic())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.kafka.partition", (long) record.partition())
            .setAttribute("messaging.kafka.offset", record.offset())
            .setAttribute("messaging.consumer.group.name", groupId);
    LogIds.of(incoming.value())
        .forEach((name, id) -> builder.setAttribute(SagaTraces.attributeOf(name), id));
    Span span = builder.startSpan();
    Context context = parent.with(span);
    long started = System.nanoTime();
    String outcome = "error";
    // The span is current while the handler runs and its outputs are encoded.
    Callable<Handled> handle =
        () -> {
          List<Outgoing<?>> outputs =
              LogIds.around(incoming.value(), () -> handler.handle(incoming));
          List<ProducerRecord<byte[], byte[]>> produced = new ArrayList<>();
          if (outputs != null) {
            outputs.forEach(output -> produced.add(codec.toRecord(output)));
          }
          return new Handled(context, produced);
        };
    try {
      Handled handled = context.wrap(handle).call();
      outcome = "ok";
      return handled;
    } catch (Exception | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
      // For a worker's command topics, this is how long each step took on the device.
      Timer.builder("flotilla.messages.handled")
          .description("Time to handle one message, by topic, group and outcome")
          .tags("topic", record.topic(), "group", groupId, "outcome", outcome)
          .register(Metrics.globalRegistry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }
}
