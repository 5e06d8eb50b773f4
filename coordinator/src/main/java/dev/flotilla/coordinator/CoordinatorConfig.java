package dev.flotilla.coordinator;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.ops.access.AccessSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How one coordinator instance is set up.
 *
 * @param dataDir where the coordinator keeps its local files (the projections' SQLite file)
 * @param httpPort the port of its HTTP API; 0 takes any free port
 * @param access whether the API checks bearer tokens, and their secret
 */
public record CoordinatorConfig(
    KafkaSettings kafka, Path dataDir, int httpPort, AccessSettings access) {
  public static final String DATA_DIR = "FLOTILLA_DATA_DIR";
  public static final String HTTP_PORT = "FLOTILLA_HTTP_PORT";
  public static final int DEFAULT_HTTP_PORT = 8081;

  public CoordinatorConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(access, "access");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0-65535, got " + httpPort);
    }
  }

  /** A coordinator whose API checks no tokens: for tests and embedding, never for a fleet. */
  public CoordinatorConfig(KafkaSettings kafka, Path dataDir, int httpPort) {
    this(kafka, dataDir, httpPort, AccessSettings.OFF);
  }

  public CoordinatorConfig withAccess(AccessSettings settings) {
    return new CoordinatorConfig(kafka, dataDir, httpPort, settings);
  }

  /**
   * {@code FLOTILLA_BOOTSTRAP_SERVERS} (required), {@value #DATA_DIR} (required), {@value
   * #HTTP_PORT} (default {@value #DEFAULT_HTTP_PORT}; 0 = any free port), and the token secret of
   * {@link AccessSettings#fromEnv} (required unless access control is turned off).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is wrong
   */
  public static CoordinatorConfig fromEnv(Env env) {
    return new CoordinatorConfig(
        env.kafka(),
        env.directory(DATA_DIR),
        env.port(HTTP_PORT, DEFAULT_HTTP_PORT),
        AccessSettings.fromEnv(env));
  }
}
