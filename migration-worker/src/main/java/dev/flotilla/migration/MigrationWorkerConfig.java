package dev.flotilla.migration;

import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
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
 */
public record MigrationWorkerConfig(
    KafkaSettings kafka, Path fleetDir, FleetLayout fleetLayout, Path dataDir) {
  public static final String FLEET_DIR = "FLOTILLA_FLEET_DIR";
  public static final String FLEET_LAYOUT = "FLOTILLA_FLEET_LAYOUT";
  public static final String DATA_DIR = "FLOTILLA_DATA_DIR";

  public MigrationWorkerConfig {
    if (kafka == null || fleetDir == null || fleetLayout == null || dataDir == null) {
      throw new IllegalArgumentException("kafka, fleetDir, fleetLayout and dataDir are required");
    }
  }

  /** A fleet laid out as {@link FleetLayout#DEFAULT}. */
  public MigrationWorkerConfig(KafkaSettings kafka, Path fleetDir, Path dataDir) {
    this(kafka, fleetDir, FleetLayout.DEFAULT, dataDir);
  }

  /** Where dry runs copy device databases to rehearse on them: {@code <dataDir>/rehearsals}. */
  public Path rehearsalDir() {
    return dataDir.resolve("rehearsals");
  }

  /**
   * From {@code FLOTILLA_BOOTSTRAP_SERVERS} (and the other Kafka variables), {@code
   * FLOTILLA_FLEET_DIR}, {@code FLOTILLA_FLEET_LAYOUT} (optional) and {@code FLOTILLA_DATA_DIR}.
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is missing or wrong
   */
  public static MigrationWorkerConfig fromEnv(Env env) {
    return new MigrationWorkerConfig(
        env.kafka(),
        env.directory(FLEET_DIR),
        env.parsed(FLEET_LAYOUT, FleetLayout::parse, FleetLayout.DEFAULT),
        env.directory(DATA_DIR));
  }
}
