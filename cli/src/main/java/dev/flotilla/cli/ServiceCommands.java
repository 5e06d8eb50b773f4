package dev.flotilla.cli;

import dev.flotilla.backup.BackupWorkerConfig;
import dev.flotilla.backup.BackupWorkerVerticle;
import dev.flotilla.coordinator.CoordinatorConfig;
import dev.flotilla.coordinator.CoordinatorVerticle;
import dev.flotilla.messaging.Env;
import dev.flotilla.migration.MigrationWorkerConfig;
import dev.flotilla.migration.MigrationWorkerVerticle;
import dev.flotilla.notifier.DashboardConfig;
import dev.flotilla.notifier.NotifierConfig;
import dev.flotilla.notifier.NotifierVerticle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * One service per process, configured from {@code FLOTILLA_*} variables. A missing or bad variable
 * stops it at once with a line naming the variable.
 */
final class ServiceCommands {
  private ServiceCommands() {}

  @Command(
      name = "coordinator",
      description =
          "Run the coordinator and its HTTP API (env: FLOTILLA_BOOTSTRAP_SERVERS,"
              + " FLOTILLA_DATA_DIR, FLOTILLA_HTTP_PORT).")
  static final class Coordinator implements Callable<Integer> {
    @Override
    public Integer call() {
      var config = CoordinatorConfig.fromEnv(Env.system());
      var coordinator = new CoordinatorVerticle(config);
      return ServiceRunner.runUntilStopped(
          "coordinator",
          coordinator,
          () -> ", API at http://127.0.0.1:" + coordinator.actualHttpPort());
    }
  }

  @Command(
      name = "backup-worker",
      description =
          "Run a backup worker (env: FLOTILLA_BOOTSTRAP_SERVERS, FLOTILLA_FLEET_DIR,"
              + " FLOTILLA_FLEET_LAYOUT, FLOTILLA_BACKUP_DIR).")
  static final class BackupWorker implements Callable<Integer> {
    @Override
    public Integer call() {
      var config = BackupWorkerConfig.fromEnv(Env.system());
      return ServiceRunner.runUntilStopped("backup-worker", new BackupWorkerVerticle(config));
    }
  }

  @Command(
      name = "migration-worker",
      description =
          "Run a migration worker (env: FLOTILLA_BOOTSTRAP_SERVERS, FLOTILLA_FLEET_DIR,"
              + " FLOTILLA_FLEET_LAYOUT, FLOTILLA_DATA_DIR).")
  static final class MigrationWorker implements Callable<Integer> {
    @Override
    public Integer call() {
      var config = MigrationWorkerConfig.fromEnv(Env.system());
      return ServiceRunner.runUntilStopped("migration-worker", new MigrationWorkerVerticle(config));
    }
  }

  @Command(
      name = "notifier",
      description =
          "Run the notifier: the event stream, the webhooks and the dashboard (env:"
              + " FLOTILLA_BOOTSTRAP_SERVERS, FLOTILLA_HTTP_PORT, FLOTILLA_COORDINATOR_URL,"
              + " FLOTILLA_NOTIFIER_HISTORY, FLOTILLA_WEBHOOK_URLS, FLOTILLA_WEBHOOK_SECRET).")
  static final class Notifier implements Callable<Integer> {
    @Override
    public Integer call() {
      var config = NotifierConfig.fromEnv(Env.system());
      var dashboard = DashboardConfig.fromEnv(Env.system());
      var notifier = new NotifierVerticle(config, dashboard);
      return ServiceRunner.runUntilStopped(
          "notifier",
          notifier,
          () -> ", dashboard at http://127.0.0.1:" + notifier.actualPort() + "/");
    }
  }
}
