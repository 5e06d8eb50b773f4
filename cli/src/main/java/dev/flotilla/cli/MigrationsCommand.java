package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.catalogue.MigrationFolderException;
import dev.flotilla.migration.catalogue.RowLossDeclarations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla migrations push}: puts a folder of Flyway-named scripts into the catalogue;
 * {@code flotilla migrations list} shows it.
 */
@Command(
    name = "migrations",
    description = "Manage the migration catalogue.",
    subcommands = {MigrationsCommand.Push.class, MigrationsListCommand.class})
final class MigrationsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "push",
      description =
          "Publish every V<n>__, U<n>__, C<n>__ and P<n>__ script of DIR as migration set NAME,"
              + " with its SHA-256. Warns about statements that fail or do nothing in the"
              + " transaction each version runs in, and pushes anyway.")
  static final class Push implements Callable<Integer> {
    @Option(names = "--set", required = true, paramLabel = "NAME", description = "Set name.")
    String set;

    @Option(
        names = "--allow-row-loss",
        paramLabel = "VERSION=TABLES",
        description =
            "V<VERSION> may leave these tables with fewer rows (comma-separated, * for any"
                + " table), e.g. 3=messages,sessions; repeatable. For folders you do not edit:"
                + " in a script, write -- flotilla:allows-row-loss TABLES instead.")
    List<String> allowRowLoss = new ArrayList<>();

    @Parameters(paramLabel = "DIR", description = "Folder of migration scripts.")
    Path dir;

    @Mixin KafkaOptions kafkaOptions;

    @Override
    public Integer call() {
      RowLossDeclarations declarations;
      try {
        declarations = RowLossDeclarations.parse(allowRowLoss);
      } catch (IllegalArgumentException e) {
        throw new UserError("--allow-row-loss " + e.getMessage());
      }
      if (!Files.isDirectory(dir)) {
        throw new UserError("no such folder: " + dir);
      }
      MigrationFolder.Contents contents;
      try {
        contents =
            MigrationFolder.load(MigrationSetId.of(set), dir, declarations, Clock.systemUTC());
      } catch (MigrationFolderException e) {
        throw new UserError(e.getMessage());
      }
      contents.warnings().forEach(warning -> System.err.println("warning: " + warning.describe()));
      int pushed = MigrationPush.push(kafkaOptions.settings(), contents.scripts());
      System.out.println("pushed " + pushed + " scripts of set '" + set + "' from " + dir);
      for (MigrationScript script : contents.scripts()) {
        if (!script.allowedRowLoss().isEmpty()) {
          System.out.println(
              script.kind().prefix()
                  + script.version()
                  + " may lose rows of: "
                  + CatalogueListing.tables(script.allowedRowLoss()));
        }
      }
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
