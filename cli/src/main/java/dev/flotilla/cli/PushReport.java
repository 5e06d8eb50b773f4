package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.catalogue.PushPlan;
import dev.flotilla.migration.catalogue.ScriptWarning;
import dev.flotilla.migration.catalogue.format.SkippedEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code flotilla migrations push} tells: what it read (the layout and what showed it, the
 * versions and other scripts, what it left out and why, the warnings), then what it did or why it
 * refused. Pure: the command prints these lines.
 */
final class PushReport {
  private PushReport() {}

  /** What the folder holds, before anything is published: for standard output. */
  static List<String> read(Path dir, MigrationFolder.Contents contents) {
    List<String> lines = new ArrayList<>();
    lines.add("read " + dir + " as " + contents.layout().describe());
    lines.add(counts(contents));
    for (SkippedEntry skipped : contents.skipped()) {
      lines.add("skipped " + skipped.describe());
    }
    return lines;
  }

  /** {@code warning: V2__rebuild.sql:1: ...}, one per warning: for standard error. */
  static List<String> warnings(MigrationFolder.Contents contents) {
    return contents.warnings().stream()
        .map(ScriptWarning::describe)
        .map(warning -> "warning: " + warning)
        .toList();
  }

  /**
   * A warning when the set already holds versions this folder lacks: a push adds to a set, so
   * devices would run those too, in version order among the folder's (another tool's folder pushed
   * under the same name mixes two applications' histories).
   */
  static List<String> versionsOnlyInTheSet(
      Catalogue catalogue, MigrationSetId set, MigrationFolder.Contents contents) {
    Set<VersionId> pushed =
        contents.scriptsOf(ScriptKind.MIGRATE).stream()
            .map(MigrationScript::version)
            .collect(Collectors.toSet());
    List<String> extra =
        catalogue.migrateVersions(set).stream()
            .filter(version -> !pushed.contains(version))
            .map(version -> "V" + version)
            .toList();
    if (extra.isEmpty()) {
      return List.of();
    }
    return List.of(
        "warning: set '"
            + set
            + "' already holds "
            + extra.size()
            + " version(s) this folder does not have ("
            + String.join(", ", extra.size() > 5 ? extra.subList(0, 5) : extra)
            + (extra.size() > 5 ? ", …" : "")
            + "); they stay in the set and devices run them in version order with the folder's."
            + " Push under a new set name to start afresh.");
  }

  /** {@code 5 versions (1 to 3.1); down scripts: 5, verification scripts: 1, probe scripts: 1}. */
  static String counts(MigrationFolder.Contents contents) {
    List<MigrationScript> versions = contents.scriptsOf(ScriptKind.MIGRATE);
    String range =
        versions.size() == 1
            ? " (" + versions.get(0).version() + ")"
            : " ("
                + versions.get(0).version()
                + " to "
                + versions.get(versions.size() - 1).version()
                + ")";
    return versions.size()
        + (versions.size() == 1 ? " version" : " versions")
        + range
        + "; down scripts: "
        + contents.scriptsOf(ScriptKind.UNDO).size()
        + ", verification scripts: "
        + contents.scriptsOf(ScriptKind.VERIFY).size()
        + ", probe scripts: "
        + contents.scriptsOf(ScriptKind.PROBE).size();
  }

  /** Why a push with conflicts and no {@code --force} published nothing: for standard error. */
  static String refusal(MigrationSetId set, PushPlan plan) {
    StringBuilder text =
        new StringBuilder("refused, nothing published: ")
            .append(scripts(plan.conflicts().size()))
            .append(" of set '")
            .append(set)
            .append("' ")
            .append(plan.conflicts().size() == 1 ? "is" : "are")
            .append(" already in the catalogue with another SHA-256:");
    for (PushPlan.Conflict conflict : plan.conflicts()) {
      text.append(System.lineSeparator()).append("  ").append(conflict.describe());
    }
    return text.append(System.lineSeparator())
        .append(
            "Devices that applied the published text would no longer match the catalogue. If the"
                + " change is meant, push again with --force: the catalogue then records the"
                + " SHA-256 each script replaced.")
        .toString();
  }

  /** What a push that was not refused did: for standard output. */
  static List<String> outcome(
      MigrationSetId set, Path dir, MigrationFolder.Contents contents, PushPlan plan) {
    List<String> lines = new ArrayList<>();
    if (plan.nothingChanged()) {
      lines.add(
          "nothing changed: the catalogue already holds these "
              + scripts(plan.unchanged().size())
              + " of set '"
              + set
              + "'; nothing published");
    } else {
      lines.add(
          "pushed "
              + scripts(plan.publish().size())
              + " of set '"
              + set
              + "' from "
              + dir
              + (plan.unchanged().isEmpty()
                  ? ""
                  : " (" + plan.unchanged().size() + " already in the catalogue as they are)"));
    }
    for (PushPlan.Conflict conflict : plan.conflicts()) {
      lines.add("replaced (--force) " + conflict.describe());
    }
    for (MigrationScript script : contents.scripts()) {
      if (!script.allowedRowLoss().isEmpty()) {
        lines.add(
            script.kind().prefix()
                + script.version()
                + " may lose rows of: "
                + CatalogueListing.tables(script.allowedRowLoss()));
      }
    }
    return lines;
  }

  private static String scripts(int count) {
    return count + (count == 1 ? " script" : " scripts");
  }
}
