package dev.flotilla.cli;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.messaging.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Expected problems are one clear line and exit code 2, not a stack trace. */
final class FriendlyErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (e instanceof ConfigException
        || e instanceof InvalidMessageException
        || e instanceof UserError) {
      cmd.getErr().println(name + ": " + e.getMessage());
      return FlotillaCommand.BAD_INPUT;
    }
    cmd.getErr().println(name + ": failed: " + e);
    e.printStackTrace(cmd.getErr());
    return 1;
  }
}
