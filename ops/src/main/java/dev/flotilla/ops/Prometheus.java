package dev.flotilla.ops;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's one Prometheus registry, joined to Micrometer's global registry (where messaging
 * and the services record their meters) on first use, with the JVM's own meters.
 */
public final class Prometheus {
  private Prometheus() {}

  private static final class Holder {
    static final PrometheusMeterRegistry REGISTRY = create();

    @SuppressWarnings("resource") // lives as long as the process: its meters are read at exit too
    private static PrometheusMeterRegistry create() {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmGcMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      Metrics.addRegistry(registry);
      return registry;
    }
  }

  public static PrometheusMeterRegistry registry() {
    return Holder.REGISTRY;
  }
}
