package dev.flotilla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flotilla} command: one entry point for the demo, the services and operators. */
@Command(
    name = "flotilla",
    mixinStandardHelpOptions = true,
    // Every subcommand answers --help and --version too.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Version.class,
    description = "Roll schema migrations out across fleets of SQLite databases, safely.",
    subcommands = {
      DemoCommand.class,
      DemoFleetCommand.class,
      BrokerCommand.class,
      ServiceCommands.Coordinator.class,
      ServiceCommands.BackupWorker.class,
      ServiceCommands.MigrationWorker.class,
      ServiceCommands.Notifier.class,
      PublishCommand.class,
      MigrationsCommand.class,
      WatchCommand.class,
      StatusCommand.class,
      AuditCommand.class,
      ReplayCommand.class,
      BackupsCommand.class,
      SimulateDevicesCommand.class,
      FleetCommand.class
    })
public final class FlotillaCommand implements Runnable {
  /** Exit code for bad input: nothing was done. */
  public static final int BAD_INPUT = 2;

  /** Exit code for a request refused for what it would do to what is already there. */
  public static final int REFUSED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    ConsoleLogging.configureFor(args);
    int code =
        new CommandLine(new FlotillaCommand())
            .setExecutionExceptionHandler(new FriendlyErrors())
            .execute(args);
    System.exit(code);
  }
}
