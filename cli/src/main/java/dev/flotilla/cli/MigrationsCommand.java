package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla migrations push}: puts a folder of Flyway-named scripts into the catalogue. */
@Command(
    name = "migrations",
    description = "Manage the migration catalogue.",
    subcommands = MigrationsCommand.Push.class)
final class MigrationsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "push",
      description =
          "Publish every V<n>__, U<n>__ and C<n>__ script of DIR as migration set NAME, with its"
              + " SHA-256.")
  static final class Push implements Callable<Integer> {
    @Option(names = "--set", required = true, paramLabel = "NAME", description = "Set name.")
    String set;

    @Parameters(paramLabel = "DIR", description = "Folder of migration scripts.")
    Path dir;

    @Mixin KafkaOptions kafkaOptions;

    @Override
    public Integer call() {
      if (!Files.isDirectory(dir)) {
        throw new UserError("no such folder: " + dir);
      }
      List<MigrationScript> scripts;
      try {
        scripts = MigrationFolder.read(MigrationSetId.of(set), dir);
      } catch (MigrationFolderException e) {
        throw new UserError(e.getMessage());
      }
      int pushed = MigrationPush.push(kafkaOptions.settings(), scripts);
      System.out.println("pushed " + pushed + " scripts of set '" + set + "' from " + dir);
      return 0;
    }
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
