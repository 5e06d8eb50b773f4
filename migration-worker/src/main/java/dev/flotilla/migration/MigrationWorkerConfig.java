package dev.flotilla.migration;

import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.ops.access.AccessSettings;
import java.nio.file.Path;

/**
 * How one migration-worker instance is set up.
 *
 * @param fleetDir where the device databases are
 * @param fleetLayout where device {@code d}'s database is under {@code fleetDir}, {@code
 *     {device}.db} by default
 * @param dataDir the worker's own folder, one per instance: the worker keeps its state inside the
 *     device databases (history and command log) and writes here only the scratch copies of dry
 *     runs, under {@code rehearsals/}, deleted when done
 * @param httpPort the port of its HTTP API ({@code GET /api/census}); {@value #HTTP_OFF} serves
 *     none
 * @param access whether the census checks bearer tokens (it names every device of the fleet)
 */
public record MigrationWorkerConfig(
    KafkaSettings kafka,
    Path fleetDir,
    FleetLayout fleetLayout,
    Path dataDir,
    int httpPort,
    AccessSettings access) {
  public static final String FLEET_DIR = "FLOTILLA_FLEET_DIR";
  public static final String FLEET_LAYOUT = "FLOTILLA_FLEET_LAYOUT";
  public static final String DATA_DIR = "FLOTILLA_DATA_DIR";
  public static final String HTTP_PORT = "FLOTILLA_MIGRATION_HTTP_PORT";

  /**
   * Next to the coordinator's 8081 and the notifier's 8082, so the services run side by side on one
   * host with their defaults.
   */
  public static final int DEFAULT_HTTP_PORT = 8083;

  public static final int HTTP_OFF = 0;

  public MigrationWorkerConfig {
    if (kafka == null
        || fleetDir == null
        || fleetLayout == null
        || dataDir == null
        || access == null) {
      throw new IllegalArgumentException(
          "kafka, fleetDir, fleetLayout, dataDir and access are required");
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0-65535, got " + httpPort);
    }
  }

  /** An HTTP API that checks no tokens: for tests and embedding, never for a fleet. */
  public MigrationWorkerConfig(
      KafkaSettings kafka, Path fleetDir, FleetLayout fleetLayout, Path dataDir, int httpPort) {
    this(kafka, fleetDir, fleetLayout, dataDir, httpPort, AccessSettings.OFF);
  }

  /** Without an HTTP API, as the worker ran before it had one. */
  public MigrationWorkerConfig(
      KafkaSettings kafka, Path fleetDir, FleetLayout fleetLayout, Path dataDir) {
    this(kafka, fleetDir, fleetLayout, dataDir, HTTP_OFF);
  }

  /** A fleet laid out as {@link FleetLayout#DEFAULT}, without an HTTP API. */
  public MigrationWorkerConfig(KafkaSettings kafka, Path fleetDir, Path dataDir) {
    this(kafka, fleetDir, FleetLayout.DEFAULT, dataDir);
  }

  /** Where dry runs copy device databases to rehearse on them: {@code <dataDir>/rehearsals}. */
  public Path rehearsalDir() {
    return dataDir.resolve("rehearsals");
  }

  /** Whether the worker serves its HTTP API. */
  public boolean servesHttp() {
    return httpPort != HTTP_OFF;
  }

  /**
   * From {@code FLOTILLA_BOOTSTRAP_SERVERS} (and the other Kafka variables), {@code
   * FLOTILLA_FLEET_DIR}, {@code FLOTILLA_FLEET_LAYOUT} (optional), {@code FLOTILLA_DATA_DIR} and
   * {@code FLOTILLA_MIGRATION_HTTP_PORT} (default {@value #DEFAULT_HTTP_PORT}; 0 serves none), and
   * when it serves HTTP, the token secret of {@link AccessSettings#fromEnv} (required unless access
   * control is turned off).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is missing or wrong
   */
  public static MigrationWorkerConfig fromEnv(Env env) {
    int httpPort = env.port(HTTP_PORT, DEFAULT_HTTP_PORT);
    return new MigrationWorkerConfig(
        env.kafka(),
        env.directory(FLEET_DIR),
        env.parsed(FLEET_LAYOUT, FleetLayout::parse, FleetLayout.DEFAULT),
        env.directory(DATA_DIR),
        httpPort,
        httpPort == HTTP_OFF ? AccessSettings.OFF : AccessSettings.fromEnv(env));
  }
}
