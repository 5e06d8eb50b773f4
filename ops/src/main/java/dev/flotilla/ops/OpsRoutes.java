package dev.flotilla.ops;

import dev.flotilla.contracts.view.Probes;
import dev.flotilla.contracts.view.ViewCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The routes every service serves its operators: {@code GET /health/live}, {@code GET
 * /health/ready} (200 or 503, with each check) and {@code GET /metrics} (Prometheus' text format).
 */
public final class OpsRoutes {
  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";
  public static final String METRICS = "/metrics";

  private static final ViewCodec VIEWS = new ViewCodec();

  private OpsRoutes() {}

  public static void mount(Router router, ServiceHealth health) {
    Prometheus.registry(); // meters recorded from now on are scraped
    router.get(LIVE).handler(ctx -> answer(ctx, health.probes(), true));
    router.get(READY).handler(ctx -> answer(ctx, health.probes(), false));
    router.get(METRICS).handler(OpsRoutes::metrics);
  }

  private static void answer(RoutingContext ctx, Probes probes, boolean liveness) {
    boolean up = liveness ? probes.live() : probes.ready();
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(VIEWS.encode(probes)));
  }

  private static void metrics(RoutingContext ctx) {
    // Reads values kept in memory (gauges of stores are refreshed off the event loop).
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(Prometheus.registry().scrape());
  }
}
