package dev.flotilla.notifier;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operators' dashboard: plain static files from the classpath folder {@code dashboard/} under
 * {@code /dashboard/}, {@code GET /} sending the browser there, and {@code /api/*} forwarded to the
 * coordinator's HTTP API ({@link CoordinatorProxy}), so the page reads rollouts and steers them
 * from the origin that also serves it the live {@code /events}.
 */
public final class DashboardRoutes {
  static final String HOME = "/dashboard/";
  private static final String WEBROOT = "dashboard";

  private DashboardRoutes() {}

  /** Adds the dashboard's routes to the notifier's router. */
  public static void mount(Vertx vertx, Router router, DashboardConfig config) {
    CoordinatorProxy proxy = new CoordinatorProxy(vertx, config);
    router.get("/").handler(DashboardRoutes::home);
    router.get("/dashboard").handler(DashboardRoutes::intoFolder);
    router.get(HOME + "*").handler(DashboardRoutes::revalidate).handler(files());
    router.route(HttpMethod.GET, CoordinatorProxy.PREFIX + "/*").handler(proxy::forward);
    router.route(HttpMethod.POST, CoordinatorProxy.PREFIX + "/*").handler(proxy::forward);
  }

  private static StaticHandler files() {
    return StaticHandler.create(WEBROOT)
        .setAlwaysAsyncFS(true)
        .setCachingEnabled(false)
        .setDirectoryListing(false)
        .setDefaultContentEncoding("UTF-8");
  }

  /** The page is a few small files: the browser asks again rather than run yesterday's script. */
  private static void revalidate(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    ctx.next();
  }

  private static void home(RoutingContext ctx) {
    ctx.redirect(HOME);
  }

  /** The page's modules are relative to its folder, so it must be opened with the slash. */
  private static void intoFolder(RoutingContext ctx) {
    if (ctx.request().path().endsWith("/")) {
      ctx.next();
    } else {
      ctx.redirect(HOME);
    }
  }
}
