package dev.flotilla.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.coordinator.projection.ProjectionStore;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.Env;
import dev.flotilla.ops.access.Role;
import dev.flotilla.ops.access.TestAccess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole coordinator deployed as one verticle, configured from the environment. */
class CoordinatorVerticleIT {
  @TempDir Path dataDir;

  @Test
  void theCoordinatorServesItsApiOnTheChosenPortAndKeepsItsProjectionsInTheDataDir()
      throws Exception {
    CoordinatorConfig config =
        CoordinatorConfig.fromEnv(
            Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS",
                    SharedTestBroker.get().bootstrapServers(),
                    "FLOTILLA_DATA_DIR",
                    dataDir.toString(),
                    "FLOTILLA_HTTP_PORT",
                    "0",
                    "FLOTILLA_AUTH_SECRET",
                    TestAccess.SECRET)));
    Vertx vertx = Vertx.vertx();
    try {
      CoordinatorVerticle coordinator = new CoordinatorVerticle(config);
      result(vertx.deployVerticle(coordinator));

      assertThat(coordinator.actualHttpPort()).isPositive();
      HttpResponse<Buffer> health =
          result(
              WebClient.create(vertx)
                  .get(coordinator.actualHttpPort(), "127.0.0.1", "/health")
                  .send());
      assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(200);
      assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      assertThat(dataDir.resolve(ProjectionStore.FILE_NAME)).satisfies(f -> Files.exists(f));
      HttpResponse<Buffer> anonymous =
          result(
              WebClient.create(vertx)
                  .get(coordinator.actualHttpPort(), "127.0.0.1", "/rollouts")
                  .send());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      HttpResponse<Buffer> viewer =
          result(
              WebClient.create(vertx)
                  .get(coordinator.actualHttpPort(), "127.0.0.1", "/rollouts")
                  .putHeader(
                      "Authorization",
                      TestAccess.bearer(TestAccess.token("it-viewer", Role.VIEWER)))
                  .send());
      assertThat(viewer.statusCode()).as(viewer.bodyAsString()).isEqualTo(200);
    } finally {
      result(vertx.close());
    }
    // Undeployed: the projections are free for another writer, e.g. `flotilla replay`.
    ProjectionStore.inDataDir(dataDir).close();
  }

  @Test
  void theHttpPortDefaultsTo8081AndABadOneNamesTheVariable() {
    Map<String, String> env =
        Map.of(
            "FLOTILLA_BOOTSTRAP_SERVERS",
            "127.0.0.1:9",
            "FLOTILLA_DATA_DIR",
            dataDir.toString(),
            "FLOTILLA_AUTH",
            "off");
    assertThat(CoordinatorConfig.fromEnv(Env.of(env)).httpPort()).isEqualTo(8081);

    Map<String, String> bad = new java.util.HashMap<>(env);
    bad.put("FLOTILLA_HTTP_PORT", "eighty");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CoordinatorConfig.fromEnv(Env.of(bad)))
        .hasMessageContaining("FLOTILLA_HTTP_PORT")
        .hasMessageContaining("eighty");
  }

  @Test
  void withoutATokenSecretTheCoordinatorDoesNotStartUnlessAccessControlIsTurnedOff() {
    Map<String, String> env =
        Map.of(
            "FLOTILLA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "FLOTILLA_DATA_DIR", dataDir.toString());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CoordinatorConfig.fromEnv(Env.of(env)))
        .hasMessageContaining("FLOTILLA_AUTH_SECRET is not set");
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
