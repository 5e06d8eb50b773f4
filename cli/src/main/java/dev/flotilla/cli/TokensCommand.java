package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla tokens create}: bearer tokens for the API, the dashboard and the streams. */
@Command(
    name = "tokens",
    description = "Issue bearer tokens for the HTTP API, the dashboard and the event streams.",
    subcommands = {TokensCreateCommand.class})
final class TokensCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
