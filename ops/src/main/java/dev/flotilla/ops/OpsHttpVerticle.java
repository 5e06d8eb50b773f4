package dev.flotilla.ops;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * An HTTP server with the operators' routes alone ({@link OpsRoutes}), for a service that serves
 * nothing else (the backup worker).
 */
public final class OpsHttpVerticle extends VerticleBase {
  private final int port;
  private final ServiceHealth health;
  private volatile int actualPort = -1;

  /**
   * @param port 0 picks a free one
   */
  public OpsHttpVerticle(int port, ServiceHealth health) {
    this.port = port;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    OpsRoutes.mount(router, health);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port)
        .onSuccess(server -> actualPort = server.actualPort())
        .map(HttpServer::actualPort);
  }

  /** The port it listens on, once started; -1 before. */
  public int actualPort() {
    return actualPort;
  }
}
