package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code flotilla migrations push}: puts a migration folder into the catalogue; {@code flotilla
 * migrations list} shows it.
 */
@Command(
    name = "migrations",
    description = "Manage the migration catalogue.",
    subcommands = {MigrationsPushCommand.class, MigrationsListCommand.class})
final class MigrationsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Shared with the demo. */
  static final class MigrationPush {
    private MigrationPush() {}

    static int push(dev.flotilla.messaging.KafkaSettings kafka, List<MigrationScript> scripts) {
      try (Publisher publisher = Publisher.create(kafka)) {
        for (MigrationScript script : scripts) {
          publisher.sendAndWait(Topics.MIGRATIONS, script);
        }
      }
      return scripts.size();
    }
  }
}
