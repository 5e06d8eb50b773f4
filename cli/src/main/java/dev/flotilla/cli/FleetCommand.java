package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla fleet census}: the device databases of a fleet folder, as they are. */
@Command(
    name = "fleet",
    description = "Look at the device databases of a fleet folder.",
    subcommands = {FleetCensusCommand.class})
final class FleetCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
