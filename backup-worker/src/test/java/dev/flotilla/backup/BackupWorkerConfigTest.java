package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.messaging.ConfigException;
import dev.flotilla.messaging.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupWorkerConfigTest {
  @TempDir Path dir;

  @Test
  void configComesFromTheFlotillaEnvironmentVariables() {
    BackupWorkerConfig config =
        BackupWorkerConfig.fromEnv(
            Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                    "FLOTILLA_FLEET_DIR", dir.resolve("fleet").toString(),
                    "FLOTILLA_BACKUP_DIR", dir.resolve("backups").toString())));

    assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.fleetDir()).isEqualTo(dir.resolve("fleet")).isDirectory();
    assertThat(config.backupDir()).isEqualTo(dir.resolve("backups")).isDirectory();
    assertThat(config.retention()).isEqualTo(RetentionPolicy.defaults());
  }

  @Test
  void retentionComesFromKeepAndMaxAgeDays() {
    Env env =
        Env.of(
            Map.of(
                "FLOTILLA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "FLOTILLA_FLEET_DIR", dir.toString(),
                "FLOTILLA_BACKUP_DIR", dir.toString(),
                "FLOTILLA_BACKUP_KEEP", "2",
                "FLOTILLA_BACKUP_MAX_AGE_DAYS", "7"));

    assertThat(BackupWorkerConfig.fromEnv(env).retention())
        .isEqualTo(new RetentionPolicy(java.time.Duration.ofDays(7), 2));
  }

  @Test
  void aKeepCountBelowOneIsNamedInTheError() {
    Env env =
        Env.of(
            Map.of(
                "FLOTILLA_BOOTSTRAP_SERVERS",
                "127.0.0.1:9092",
                "FLOTILLA_FLEET_DIR",
                dir.toString(),
                "FLOTILLA_BACKUP_DIR",
                dir.toString(),
                "FLOTILLA_BACKUP_KEEP",
                "0"));

    assertThatThrownBy(() -> BackupWorkerConfig.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_BACKUP_KEEP");
  }

  @Test
  void aMissingBackupDirectoryIsNamedInTheError() {
    Env env =
        Env.of(
            Map.of(
                "FLOTILLA_BOOTSTRAP_SERVERS",
                "127.0.0.1:9092",
                "FLOTILLA_FLEET_DIR",
                dir.toString()));

    assertThatThrownBy(() -> BackupWorkerConfig.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_BACKUP_DIR");
  }
}
