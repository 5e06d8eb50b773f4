package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.catalogue.MigrationFolderException;
import dev.flotilla.migration.catalogue.PushPlan;
import dev.flotilla.migration.catalogue.RowLossDeclarations;
import dev.flotilla.migration.catalogue.format.FolderFormat;
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
 * {@code flotilla migrations push}: reads a migration folder in its tool's layout, compares it with
 * the catalogue on {@code flotilla.migrations}, and publishes what changed.
 */
@Command(
    name = "push",
    description = {
      "Publish the migration scripts of DIR as migration set NAME, each with its version, file and"
          + " SHA-256, as the folder's tool lays them out: Flyway (V1.1__x.sql, U…, in subfolders"
          + " too), sqlx, diesel, golang-migrate, goose, dbmate, or plain numbered scripts"
          + " (001_x.sql). The layout is detected from the names and the tools' own markers, or"
          + " named with --format. Flotilla's own C<version>__ (verification) and P<version>__"
          + " (probe) scripts may sit beside any of them.",
      "Prints the layout and what showed it, the versions and other scripts found, what was left"
          + " out and why; warns about statements that fail or do nothing in the transaction each"
          + " version runs in, and pushes anyway.",
      "Refuses, with exit code 1 and nothing published, scripts the catalogue already holds under"
          + " the same set, version and kind with another SHA-256 (--force replaces them and"
          + " records what each replaced). Scripts the catalogue holds as they are are not"
          + " published again: pushing the same folder twice changes nothing."
    })
final class MigrationsPushCommand implements Callable<Integer> {
  @Option(names = "--set", required = true, paramLabel = "NAME", description = "Set name.")
  String set;

  @Option(
      names = "--format",
      paramLabel = "LAYOUT",
      description =
          "Read DIR in this layout, whatever detection would say: flyway, sqlx, diesel,"
              + " golang-migrate, goose, dbmate or plain.")
  String format;

  @Option(
      names = "--allow-row-loss",
      paramLabel = "VERSION=TABLES",
      description =
          "The up script of VERSION may leave these tables with fewer rows (comma-separated, *"
              + " for any table), e.g. 3=messages,sessions or 1.1=books; repeatable. For folders"
              + " you do not edit: in a script, write -- flotilla:allows-row-loss TABLES instead.")
  List<String> allowRowLoss = new ArrayList<>();

  @Option(
      names = "--skip-repeatables",
      description =
          "Leave Flyway's R__ repeatable scripts out, and say so. Flotilla does not re-apply"
              + " repeatable scripts; without this a folder with any is refused.")
  boolean skipRepeatables;

  @Option(
      names = "--force",
      description =
          "Replace scripts the catalogue holds with another SHA-256; each replacing script records"
              + " the SHA-256 it replaced (shown by flotilla migrations list).")
  boolean force;

  @Parameters(paramLabel = "DIR", description = "Folder of migration scripts.")
  Path dir;

  @Mixin KafkaOptions kafkaOptions;

  @Override
  public Integer call() {
    MigrationSetId setId = MigrationSetId.of(set);
    MigrationFolder.Contents contents = read(setId, options());
    PushReport.read(dir, contents).forEach(System.out::println);
    PushReport.warnings(contents).forEach(System.err::println);
    KafkaSettings kafka = kafkaOptions.settings();
    Catalogue catalogue = CatalogueSnapshot.read(kafka);
    PushReport.versionsOnlyInTheSet(catalogue, setId, contents).forEach(System.err::println);
    PushPlan plan = PushPlan.of(catalogue, contents.scripts(), force);
    if (plan.refused()) {
      System.err.println("flotilla migrations push: " + PushReport.refusal(setId, plan));
      return FlotillaCommand.REFUSED;
    }
    if (!plan.publish().isEmpty()) {
      MigrationsCommand.MigrationPush.push(kafka, plan.publish());
    }
    PushReport.outcome(setId, dir, contents, plan).forEach(System.out::println);
    return 0;
  }

  private MigrationFolder.Options options() {
    MigrationFolder.Options options = MigrationFolder.Options.DETECT;
    try {
      options = options.withDeclarations(RowLossDeclarations.parse(allowRowLoss));
    } catch (IllegalArgumentException e) {
      throw new UserError("--allow-row-loss " + e.getMessage());
    }
    if (format != null) {
      try {
        options = options.withFormat(FolderFormat.fromCliName(format));
      } catch (IllegalArgumentException e) {
        throw new UserError("--format " + e.getMessage());
      }
    }
    return skipRepeatables ? options.skippingRepeatables() : options;
  }

  private MigrationFolder.Contents read(MigrationSetId setId, MigrationFolder.Options options) {
    if (!Files.isDirectory(dir)) {
      throw new UserError("no such folder: " + dir);
    }
    try {
      return MigrationFolder.load(setId, dir, options, Clock.systemUTC());
    } catch (MigrationFolderException e) {
      throw new UserError(e.getMessage());
    }
  }
}
