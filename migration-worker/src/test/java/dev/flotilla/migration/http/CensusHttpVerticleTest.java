package dev.flotilla.migration.http;

import static dev.flotilla.migration.testing.ToolDatabases.LIBRARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.migration.census.FleetCensus;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.testing.ToolDatabases;
import dev.flotilla.ops.ServiceHealth;
import dev.flotilla.ops.access.AuthorizationTable;
import dev.flotilla.ops.access.TestAccess;
import dev.flotilla.testsupport.DeviceFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/census} on a real port, over a fleet folder of real databases. */
class CensusHttpVerticleTest {
  private static final Path FOLDER = ToolDatabases.folder("golang-migrate");

  @TempDir Path fleet;

  private final Catalogue catalogue = ToolDatabases.catalogue(FOLDER);
  private final HttpClient client = HttpClient.newHttpClient();
  private Vertx vertx;
  private FleetCensus census;
  private final java.util.concurrent.atomic.AtomicBoolean loopReady =
      new java.util.concurrent.atomic.AtomicBoolean();
  private int port;

  @BeforeEach
  void serve() throws Exception {
    ToolDatabases.migratedBy(
        DeviceFiles.path(fleet, DeviceId.of("rv-1")), ForeignTool.GOLANG_MIGRATE, FOLDER, 3);
    census = new FleetCensus(new DatabaseFolder(fleet), catalogue, Clock.systemUTC());
    vertx = Vertx.vertx();
    CensusHttpVerticle verticle =
        new CensusHttpVerticle(
            0,
            TestAccess.SETTINGS,
            census,
            ServiceHealth.of("migration-worker")
                .readiness(
                    "flotilla-migration-worker",
                    loopReady::get,
                    () -> loopReady.get() ? "ready" : "not connected yet"));
    vertx
        .deployVerticle(verticle)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    port = verticle.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theCensusOfASetIsTheSameJsonAsTheCensusComputesForTheCli() throws Exception {
    HttpResponse<String> response = get("/api/census?set=library");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(new JsonObject(response.body())).isEqualTo(census.take(LIBRARY).json());
    assertThat(
            new JsonObject(response.body())
                .getJsonArray("devices")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("adoptable");
  }

  @Test
  void readinessFollowsTheChecksWhileLivenessHoldsAndMetricsAreServed() throws Exception {
    HttpResponse<String> starting = get("/health/ready");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(
            new JsonObject(starting.body())
                .getJsonArray("checks")
                .getJsonObject(0)
                .getString("detail"))
        .isEqualTo("not connected yet");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);

    loopReady.set(true);
    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getString("service")).isEqualTo("migration-worker");

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_threads_live_threads");
  }

  @Test
  void healthAnswersUp() throws Exception {
    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
  }

  @Test
  void aMissingSetIsABadRequestProblem() throws Exception {
    HttpResponse<String> response = get("/api/census");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getString("detail"))
        .isEqualTo("give the migration set: /api/census?set=NAME");
    assertThat(problem.getString("instance")).isEqualTo("/api/census");
  }

  @Test
  void anUnknownSetIsABadRequestProblem() throws Exception {
    HttpResponse<String> response = get("/api/census?set=nosuchset");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("detail"))
        .isEqualTo("the catalogue has no migration set 'nosuchset'");
  }

  @Test
  void aSetNameThatIsNoNameIsABadRequestProblem() throws Exception {
    HttpResponse<String> response = get("/api/census?set=%2Fetc");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("detail")).startsWith("set: ");
  }

  @Test
  void theCensusNeedsAReadersTokenAndTheProbesDoNot() throws Exception {
    String table =
        """
        route                        anonymous viewer operator approver admin expired forged
        GET /api/census?set=library  401 200 200 200 200 401 401
        GET /health                  200 200 200 200 200 200 200
        GET /health/live             200 200 200 200 200 200 200
        GET /metrics                 200 200 200 200 200 200 200
        GET /nowhere                 401 403 403 403 404 401 401
        """;
    assertThat(
            AuthorizationTable.mismatches(
                table,
                (method, path, authorization) -> {
                  HttpResponse<String> response = get(path, authorization);
                  return new AuthorizationTable.Answer(
                      response.statusCode(),
                      response.headers().firstValue("Content-Type").orElse(null),
                      response.headers().firstValue("WWW-Authenticate").orElse(null),
                      response.body());
                }))
        .isEmpty();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(path, TestAccess.authorizationOf("viewer"));
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
