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
      TokensCommand.class,
      ReplayCommand.class,
      BackupsCommand.class,
      SimulateDevicesCommand.class,
      FleetCommand.class,
      DevicesCommand.class,
      DryRunCommand.class,
      ControlCommands.Pause.class,
      ControlCommands.Resume.class,
      ControlCommands.Abort.class,
      ControlCommands.Approve.class
    })
public final class FlotillaCommand implements Runnable {
  /**
   * Exit code for a rollout whose every device is DONE, or a command that did what it was asked.
   */
  public static final int OK = 0;

  /** Exit code for bad input: nothing was done. */
  public static final int BAD_INPUT = 2;

  /** Exit code for a request refused for what it would do to what is already there. */
  public static final int REFUSED = 1;

  /** Exit code for a rollout that finished with some device not DONE. */
  public static final int NOT_ALL_DONE = 1;

  /** Exit code for a rejected rollout: no device was touched. */
  public static final int REJECTED = 3;

  /** Exit code for an aborted rollout. */
  public static final int ABORTED = 4;

  /** Exit code for a rollout still running when the command stopped waiting for it. */
  public static final int STILL_RUNNING = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** What {@code flotilla --help} ends with; the subcommands' help does not repeat it. */
  static final String[] EXIT_CODES = {
    "  0  done: the rollout ended with every device DONE (watch, dry-run), or the",
    "     command did what it was asked",
    "  1  the rollout ended with some device not DONE (skipped, failed, rolled",
    "     back, needs attention); migrations push refused a change",
    "  2  bad input, nothing done: a bad argument or file, an unknown rollout or",
    "     device, the coordinator's API or the broker out of reach",
    "  3  the rollout was rejected: no device was touched",
    "  4  the rollout was aborted",
    "  5  the rollout still ran when --timeout passed"
  };

  static CommandLine commandLine() {
    CommandLine commandLine =
        new CommandLine(new FlotillaCommand()).setExecutionExceptionHandler(new FriendlyErrors());
    commandLine.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(EXIT_CODES);
    return commandLine;
  }

  public static void main(String[] args) {
    ConsoleLogging.configureFor(args);
    Telemetry.installFromEnvironment(System.getenv(), args.length > 0 ? args[0] : "cli");
    System.exit(commandLine().execute(args));
  }
}
