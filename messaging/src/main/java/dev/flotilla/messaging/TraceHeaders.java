package dev.flotilla.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers. With only
 * the OpenTelemetry API present, an extracted context carries the remote span context, so injecting
 * it again passes the incoming {@code traceparent} on unchanged; with an SDK, spans started in
 * between become its children.
 */
public final class TraceHeaders {
  private static final W3CTraceContextPropagator PROPAGATOR =
      W3CTraceContextPropagator.getInstance();

  private TraceHeaders() {}

  /** Writes the trace context of {@code context} into {@code headers}, replacing any there. */
  public static void inject(Context context, Headers headers) {
    PROPAGATOR.inject(context, headers, SETTER);
  }

  /** The trace context in {@code headers}, on top of the root context (not the caller's). */
  public static Context extract(Headers headers) {
    return PROPAGATOR.extract(Context.root(), headers, GETTER);
  }

  private static final TextMapSetter<Headers> SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.remove(key);
          headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
      };

  // Only get() is needed: the W3C propagator looks its two headers up by name.
  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Headers headers, String key) {
          if (headers == null) {
            return null;
          }
          Header header = headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };
}
