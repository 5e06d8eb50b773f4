package dev.flotilla.backup;

import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a backup-worker instance is set up.
 *
 * @param fleetDir the folder of device databases
 * @param fleetLayout where device {@code d}'s database is under it, {@code {device}.db} by default
 * @param backupDir backups are kept under {@code <backupDir>/<d>/}
 * @param retention which old backups are deleted after each successful backup of a device
 * @param httpPort the port of its health probes and metrics; {@value #HTTP_OFF} serves none
 */
public record BackupWorkerConfig(
    KafkaSettings kafka,
    Path fleetDir,
    FleetLayout fleetLayout,
    Path backupDir,
    RetentionPolicy retention,
    int httpPort) {
  public static final String FLEET_DIR = "FLOTILLA_FLEET_DIR";
  public static final String FLEET_LAYOUT = "FLOTILLA_FLEET_LAYOUT";
  public static final String BACKUP_DIR = "FLOTILLA_BACKUP_DIR";
  public static final String BACKUP_KEEP = "FLOTILLA_BACKUP_KEEP";
  public static final String BACKUP_MAX_AGE_DAYS = "FLOTILLA_BACKUP_MAX_AGE_DAYS";
  public static final String HTTP_PORT = "FLOTILLA_BACKUP_HTTP_PORT";
  public static final int DEFAULT_HTTP_PORT = 8084;
  public static final int HTTP_OFF = 0;

  public BackupWorkerConfig {
    Objects.requireNonNull(kafka, "kafka");
    fleetDir = Objects.requireNonNull(fleetDir, "fleetDir").toAbsolutePath().normalize();
    backupDir = Objects.requireNonNull(backupDir, "backupDir").toAbsolutePath().normalize();
    Objects.requireNonNull(fleetLayout, "fleetLayout");
    Objects.requireNonNull(retention, "retention");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0 to 65535, got " + httpPort);
    }
  }

  /** Serving no HTTP. */
  public BackupWorkerConfig(
      KafkaSettings kafka,
      Path fleetDir,
      FleetLayout fleetLayout,
      Path backupDir,
      RetentionPolicy retention) {
    this(kafka, fleetDir, fleetLayout, backupDir, retention, HTTP_OFF);
  }

  public boolean servesHttp() {
    return httpPort != HTTP_OFF;
  }

  /** A fleet laid out as {@link FleetLayout#DEFAULT}. */
  public BackupWorkerConfig(
      KafkaSettings kafka, Path fleetDir, Path backupDir, RetentionPolicy retention) {
    this(kafka, fleetDir, FleetLayout.DEFAULT, backupDir, retention);
  }

  /** With the default retention ({@link RetentionPolicy#defaults()}). */
  public BackupWorkerConfig(KafkaSettings kafka, Path fleetDir, Path backupDir) {
    this(kafka, fleetDir, backupDir, RetentionPolicy.defaults());
  }

  /**
   * FLOTILLA_BOOTSTRAP_SERVERS (and the other Kafka settings), {@value #FLEET_DIR}, {@value
   * #FLEET_LAYOUT} (default {@code {device}.db}), {@value #BACKUP_DIR}, {@value #BACKUP_KEEP}
   * (default 5), {@value #BACKUP_MAX_AGE_DAYS} (default 30) and {@value #HTTP_PORT} (default
   * {@value #DEFAULT_HTTP_PORT}; 0 serves none); a missing or unusable one is a {@link
   * dev.flotilla.messaging.ConfigException} naming it.
   */
  public static BackupWorkerConfig fromEnv(Env env) {
    RetentionPolicy retention =
        new RetentionPolicy(
            Duration.ofDays(
                env.positiveInt(
                    BACKUP_MAX_AGE_DAYS, (int) RetentionPolicy.DEFAULT_MAX_AGE.toDays())),
            env.positiveInt(BACKUP_KEEP, RetentionPolicy.DEFAULT_KEEP));
    return new BackupWorkerConfig(
        env.kafka(),
        env.directory(FLEET_DIR),
        env.parsed(FLEET_LAYOUT, FleetLayout::parse, FleetLayout.DEFAULT),
        env.directory(BACKUP_DIR),
        retention,
        env.port(HTTP_PORT, DEFAULT_HTTP_PORT));
  }
}
