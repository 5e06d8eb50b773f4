package dev.flotilla.backup;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a backup-worker instance is set up.
 *
 * @param fleetDir device {@code d} is {@code <fleetDir>/<d>.db}
 * @param backupDir backups are kept under {@code <backupDir>/<d>/}
 */
public record BackupWorkerConfig(KafkaSettings kafka, Path fleetDir, Path backupDir) {
  public static final String FLEET_DIR = "FLOTILLA_FLEET_DIR";
  public static final String BACKUP_DIR = "FLOTILLA_BACKUP_DIR";

  public BackupWorkerConfig {
    Objects.requireNonNull(kafka, "kafka");
    fleetDir = Objects.requireNonNull(fleetDir, "fleetDir").toAbsolutePath().normalize();
    backupDir = Objects.requireNonNull(backupDir, "backupDir").toAbsolutePath().normalize();
  }

  /**
   * FLOTILLA_BOOTSTRAP_SERVERS (and the other Kafka settings), {@value #FLEET_DIR} and {@value
   * #BACKUP_DIR}; a missing or unusable one is a {@link dev.flotilla.messaging.ConfigException}
   * naming it.
   */
  public static BackupWorkerConfig fromEnv(Env env) {
    return new BackupWorkerConfig(env.kafka(), env.directory(FLEET_DIR), env.directory(BACKUP_DIR));
  }
}
