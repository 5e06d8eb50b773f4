package dev.flotilla.cli;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.messaging.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Expected problems are one clear line and exit code 2, not a stack trace: bad input, and a broker
 * that refuses the login.
 */
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
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthenticationException refused) {
        cmd.getErr()
            .println(
                name
                    + ": Kafka refused the login ("
                    + refused.getMessage()
                    + "); check FLOTILLA_KAFKA_SECURITY_PROTOCOL and the FLOTILLA_KAFKA_SASL_* and"
                    + " FLOTILLA_KAFKA_SSL_* variables");
        return FlotillaCommand.BAD_INPUT;
      }
    }
    cmd.getErr().println(name + ": failed: " + e);
    e.printStackTrace(cmd.getErr());
    return 1;
  }
}
