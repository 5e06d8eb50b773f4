package dev.flotilla.messaging;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One trace per device saga: its trace id and root span id are derived from the rollout and device
 * ids, so every step the coordinator dispatches for the device — also after a restart, from another
 * instance — belongs to the same trace, under the same root, without keeping any trace state. The
 * root is a remote parent: no process exports it; every span of the saga hangs below it.
 *
 * <p>Spans go through the OpenTelemetry API only; an SDK, where a process installs one, exports
 * them. Without one they cost nothing.
 */
public final class SagaTraces {
  /** The instrumentation scope of Flotilla's spans. */
  public static final String SCOPE = "dev.flotilla";

  /** Span attributes: the ids a span's message names, as the log lines have them. */
  public static final String ROLLOUT = "flotilla." + LogIds.ROLLOUT;

  public static final String DEVICE = "flotilla." + LogIds.DEVICE;
  public static final String COMMAND = "flotilla." + LogIds.COMMAND;
  public static final String STEP = "flotilla.step";

  /** The span attribute of a message's id named {@code logId} in {@link LogIds}. */
  static String attributeOf(String logId) {
    return "flotilla." + logId;
  }

  private SagaTraces() {}

  /** Asked each time: a process may install its SDK after classes were loaded. */
  public static Tracer tracer() {
    return GlobalOpenTelemetry.getTracer(SCOPE);
  }

  /** The context whose span is the root of the device's saga in the rollout. */
  public static Context of(RolloutId rollout, DeviceId device) {
    return Context.root().with(Span.wrap(rootOf(rollout, device)));
  }

  /** The saga's root span context: trace id and span id from the ids, sampled. */
  public static SpanContext rootOf(RolloutId rollout, DeviceId device) {
    byte[] digest = sha256("flotilla-saga:" + rollout.value() + "/" + device.value());
    HexFormat hex = HexFormat.of();
    return SpanContext.createFromRemoteParent(
        hex.formatHex(digest, 0, 16),
        hex.formatHex(digest, 16, 24),
        TraceFlags.getSampled(),
        TraceState.getDefault());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
