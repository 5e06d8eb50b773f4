package dev.flotilla.coordinator;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How one coordinator instance is set up.
 *
 * @param dataDir where the coordinator keeps its local files (the projections' SQLite file)
 * @param httpPort the port of its HTTP API; 0 takes any free port
 */
public record CoordinatorConfig(KafkaSettings kafka, Path dataDir, int httpPort) {
  public static final String DATA_DIR = "FLOTILLA_DATA_DIR";
  public static final String HTTP_PORT = "FLOTILLA_HTTP_PORT";
  public static final int DEFAULT_HTTP_PORT = 8081;

  public CoordinatorConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(dataDir, "dataDir");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0-65535, got " + httpPort);
    }
  }

  /**
   * {@code FLOTILLA_BOOTSTRAP_SERVERS} (required), {@value #DATA_DIR} (required), {@value
   * #HTTP_PORT} (default {@value #DEFAULT_HTTP_PORT}; 0 = any free port).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is wrong
   */
  public static CoordinatorConfig fromEnv(Env env) {
    return new CoordinatorConfig(
        env.kafka(), env.directory(DATA_DIR), env.port(HTTP_PORT, DEFAULT_HTTP_PORT));
  }
}
