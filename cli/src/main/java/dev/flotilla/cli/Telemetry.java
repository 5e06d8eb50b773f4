package dev.flotilla.cli;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenTelemetry SDK, installed at the edge of the process (any {@code flotilla} command) only
 * when the standard variables ask for an exporter ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or {@code OTEL_TRACES_EXPORTER} other than {@code none});
 * the services make their spans through the API alone, which costs nothing without it. Traces only:
 * metrics are on each service's {@code /metrics}.
 */
final class Telemetry {
  private Telemetry() {}

  /**
   * @return the SDK installed as the global one, to be closed (flushed) at exit; empty when off
   */
  static Optional<OpenTelemetrySdk> installFromEnvironment(
      Map<String, String> env, String service) {
    // Set but blank counts as unset: compose passes variables on that way.
    String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "").trim();
    boolean asked =
        !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
            || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank()
            || !(exporter.isEmpty() || exporter.equals("none"));
    if (!asked) {
      // Said once, before any span: otherwise the API, finding the SDK on the class path, tells
      // the console that it will not configure it.
      setGlobalUnlessSet(OpenTelemetry.noop());
      return Optional.empty();
    }
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            // Defaults the variables override: a name per service, and traces alone.
            .addPropertiesSupplier(
                () ->
                    Map.of(
                        "otel.service.name", "flotilla-" + service,
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
            .setResultAsGlobal()
            .build()
            .getOpenTelemetrySdk();
    Runtime.getRuntime().addShutdownHook(new Thread(sdk::close, "flotilla-telemetry-flush"));
    return Optional.of(sdk);
  }

  /** A global set before (a test's own SDK, say) is kept. */
  private static void setGlobalUnlessSet(OpenTelemetry openTelemetry) {
    try {
      GlobalOpenTelemetry.set(openTelemetry);
    } catch (IllegalStateException alreadySet) {
      // kept as it is
    }
  }
}
