package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's routes on a real HTTP server: its files, and {@code /api/*} forwarded to a
 * stand-in for the coordinator's API that records what reached it.
 */
class DashboardRoutesTest {
  private static final int LARGE = 3 * 1024 * 1024;

  private static Vertx vertx;
  private static WebClient web;
  private static int port;
  private static int unreachablePort;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    HttpServer coordinator =
        vertx
            .createHttpServer()
            .requestHandler(DashboardRoutesTest::coordinator)
            .listen(0)
            .await(10, TimeUnit.SECONDS);
    HttpServer notifier = serverFor(DashboardConfig.localCoordinator(coordinator.actualPort()));
    port = notifier.actualPort();
    try (ServerSocket free = new ServerSocket(0)) {
      unreachablePort = free.getLocalPort();
    }
    web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRootSendsTheBrowserToTheDashboardWhichIsServedAsPlainFiles() throws Exception {
    HttpResponse<Buffer> root = get(port, "/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.getHeader("Location")).isEqualTo("/dashboard/");
    assertThat(get(port, "/dashboard").getHeader("Location")).isEqualTo("/dashboard/");

    HttpResponse<Buffer> page = get(port, "/dashboard/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("<script type=\"module\" src=\"app.js\">");

    HttpResponse<Buffer> script = get(port, "/dashboard/app.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Content-Type")).contains("javascript");
    assertThat(script.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(get(port, "/dashboard/dashboard.css").getHeader("Content-Type"))
        .startsWith("text/css");

    HttpResponse<Buffer> missing = get(port, "/dashboard/no-such-file.js");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void aGetIsForwardedWithItsQueryAndTheAnswerComesBackAsItIs() throws Exception {
    HttpResponse<Buffer> answer = get(port, "/api/audit?rollout=r-1&after=100");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(answer.bodyAsJsonObject().getString("saw"))
        .isEqualTo("GET /audit?rollout=r-1&after=100");
  }

  @Test
  void aPostIsForwardedWithItsBodyAndTheLocationPointsUnderApi() throws Exception {
    HttpResponse<Buffer> answer =
        web.post(port, "127.0.0.1", "/api/rollouts/r-1/pause")
            .putHeader("Content-Type", "application/json")
            .sendJsonObject(new JsonObject().put("requestedBy", "ops"))
            .await(10, TimeUnit.SECONDS);

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.getHeader("Location")).isEqualTo("/api/rollouts/r-1");
    assertThat(received).contains("POST /rollouts/r-1/pause {\"requestedBy\":\"ops\"}");
  }

  @Test
  void theCoordinatorsProblemsArePassedOnWithTheirStatusAndType() throws Exception {
    HttpResponse<Buffer> answer = get(port, "/api/rollouts/unknown");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getString("detail")).isEqualTo("no rollout unknown");
  }

  @Test
  void largeBodiesStreamThroughBothWays() throws Exception {
    Buffer upload = Buffer.buffer(new byte[LARGE]);

    HttpResponse<Buffer> echoed =
        web.post(port, "127.0.0.1", "/api/echo")
            .putHeader("Content-Type", "application/octet-stream")
            .sendBuffer(upload)
            .await(30, TimeUnit.SECONDS);
    HttpResponse<Buffer> download = get(port, "/api/large");

    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(echoed.body().length()).isEqualTo(LARGE);
    assertThat(download.body().length()).isEqualTo(LARGE);
    assertThat(download.getHeader("Transfer-Encoding")).isEqualTo("chunked");
  }

  @Test
  void aCoordinatorThatDoesNotAnswerIsABadGatewayProblem() throws Exception {
    HttpServer notifier = serverFor(DashboardConfig.localCoordinator(unreachablePort));

    HttpResponse<Buffer> answer = get(notifier.actualPort(), "/api/rollouts");

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getString("detail"))
        .contains("http://127.0.0.1:" + unreachablePort)
        .contains("FLOTILLA_COORDINATOR_URL");
  }

  private static HttpServer serverFor(DashboardConfig config) throws Exception {
    Router router = Router.router(vertx);
    DashboardRoutes.mount(vertx, router, config);
    router.errorHandler(
        404, ctx -> Problems.send(ctx, 404, "Not Found", "no resource at " + ctx.request().path()));
    return vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(int to, String uri) throws Exception {
    return web.get(to, "127.0.0.1", uri).send().await(30, TimeUnit.SECONDS);
  }

  /** The coordinator's API as far as these tests need it. */
  private static void coordinator(HttpServerRequest request) {
    String saw = request.method() + " " + request.uri();
    if (request.path().equals("/large")) {
      request.response().setChunked(true).end(Buffer.buffer(new byte[LARGE]));
    } else if (request.path().equals("/echo")) {
      request.response().setChunked(true);
      request.pipeTo(request.response());
    } else if (request.path().equals("/rollouts/unknown")) {
      request
          .response()
          .setStatusCode(404)
          .putHeader("Content-Type", "application/problem+json")
          .end(new JsonObject().put("status", 404).put("detail", "no rollout unknown").encode());
    } else if (request.method() == HttpMethod.POST) {
      request
          .body()
          .onSuccess(
              body -> {
                received.add(saw + " " + body);
                request
                    .response()
                    .setStatusCode(202)
                    .putHeader("Location", "/rollouts/r-1")
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("rolloutId", "r-1").encode());
              });
    } else {
      request
          .response()
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("saw", saw).encode());
    }
  }
}
