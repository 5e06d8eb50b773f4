package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.topic.Topics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void anExtractedTraceparentIsInjectedAgainUnchanged() {
    Headers incoming = headers("traceparent", TRACEPARENT);
    incoming.add("tracestate", "vendor=abc".getBytes(StandardCharsets.UTF_8));

    Headers outgoing = new RecordHeaders();
    TraceHeaders.inject(TraceHeaders.extract(incoming), outgoing);

    assertThat(value(outgoing, "traceparent")).isEqualTo(TRACEPARENT);
    assertThat(value(outgoing, "tracestate")).isEqualTo("vendor=abc");
  }

  @Test
  void withoutATraceparentNothingIsInjected() {
    Headers outgoing = new RecordHeaders();
    TraceHeaders.inject(TraceHeaders.extract(headers("other", "x")), outgoing);
    assertThat(outgoing.lastHeader("traceparent")).isNull();
  }

  @Test
  void aMalformedTraceparentIsIgnored() {
    Context extracted = TraceHeaders.extract(headers("traceparent", "00-not-a-trace-01"));
    assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
  }

  @Test
  void extractingDoesNotInheritTheCallersContext() {
    Context callers =
        Context.root().with(Span.wrap(spanContext("1af7651916cd43dd8448eb211c80319c")));
    Context extracted = callers.wrapSupplier(() -> TraceHeaders.extract(new RecordHeaders())).get();
    assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
  }

  @Test
  void injectingReplacesAStaleTraceparent() {
    Headers outgoing =
        headers("traceparent", "00-1af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    TraceHeaders.inject(TraceHeaders.extract(headers("traceparent", TRACEPARENT)), outgoing);
    Iterable<Header> all = outgoing.headers("traceparent");
    assertThat(all).hasSize(1);
    assertThat(value(outgoing, "traceparent")).isEqualTo(TRACEPARENT);
  }

  @Test
  void recordsBuiltUnderACurrentContextCarryItsTraceparent() {
    RecordCodec codec = new RecordCodec(new MessageCodec());
    PauseRollout pause = Samples.of(PauseRollout.class);
    ProducerRecord<byte[], byte[]> record =
        TraceHeaders.extract(headers("traceparent", TRACEPARENT))
            .wrapSupplier(() -> codec.toRecord(Outgoing.to(Topics.CONTROL, pause)))
            .get();
    assertThat(value(record.headers(), "traceparent")).isEqualTo(TRACEPARENT);
    assertThat(new String(record.key(), StandardCharsets.UTF_8))
        .isEqualTo(pause.rolloutId().value());
  }

  private static SpanContext spanContext(String traceId) {
    return SpanContext.createFromRemoteParent(
        traceId, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
  }

  private static Headers headers(String key, String value) {
    Headers headers = new RecordHeaders();
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static String value(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
