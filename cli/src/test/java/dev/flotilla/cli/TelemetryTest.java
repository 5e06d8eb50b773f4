package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK is loaded only when asked for: without it, spans cost nothing. */
class TelemetryTest {
  @Test
  void withoutAnExporterAskedForNoSdkIsInstalled() {
    assertThat(Telemetry.installFromEnvironment(Map.of(), "coordinator")).isEmpty();
    assertThat(
            Telemetry.installFromEnvironment(
                Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_SERVICE_NAME", "x"), "coordinator"))
        .isEmpty();
    // As docker compose passes a variable the operator did not set.
    assertThat(
            Telemetry.installFromEnvironment(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ", "OTEL_TRACES_EXPORTER", ""),
                "coordinator"))
        .isEmpty();
  }
}
