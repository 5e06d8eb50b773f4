package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.history.ScriptChecksum;
import dev.flotilla.migration.catalogue.format.Detection;
import dev.flotilla.migration.catalogue.format.FolderFormat;
import dev.flotilla.migration.catalogue.format.FolderReader;
import dev.flotilla.migration.catalogue.format.FolderReading;
import dev.flotilla.migration.catalogue.format.FolderScript;
import dev.flotilla.migration.catalogue.format.FormatDetector;
import dev.flotilla.migration.catalogue.format.RepeatableScript;
import dev.flotilla.migration.catalogue.format.SkippedEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a migration folder, in whatever tool's layout it is ({@link FolderReader}), into the {@link
 * MigrationScript}s of one set: each script keeps its tool's version, order and file; Flotilla's
 * own {@code -- flotilla:} directive lines ({@link ScriptDirectives}) and the row loss declared at
 * push ({@link RowLossDeclarations}) are read the same in every layout, for goose and dbmate in the
 * section's lines; the checksum is {@link ScriptChecksum} over the script's exact text; and {@link
 * TransactionLint} warns about statements that will not do what their author meant. Flotilla's own
 * layout is Flyway's with whole versions. Every problem is reported at once in a {@link
 * MigrationFolderException}, one line each naming the file (and line).
 */
public final class MigrationFolder {
  /**
   * A script whose first line is this cannot run inside a transaction: {@link ScriptDirectives}.
   */
  public static final String NO_TRANSACTION_MARKER =
      "-- flotilla:" + ScriptDirectives.NO_TRANSACTION;

  /** Longer lists of versions are cut in messages to their first and last few. */
  private static final int SHOWN_VERSIONS = 6;

  private static final String NOT_REAPPLIED =
      "Flotilla applies each version once and does not re-apply repeatable scripts when they"
          + " change";

  private MigrationFolder() {}

  /**
   * How to read a folder.
   *
   * @param format the layout to read it in; empty to detect it ({@link FormatDetector})
   * @param declarations row loss declared at push, added to the up scripts of their versions
   * @param skipRepeatables leave Flyway's {@code R__} scripts out and say so; otherwise a folder
   *     with any is refused, since Flotilla does not re-apply repeatable scripts when they change
   */
  public record Options(
      Optional<FolderFormat> format, RowLossDeclarations declarations, boolean skipRepeatables) {
    /** Detect the layout, nothing declared, repeatables refused. */
    public static final Options DETECT =
        new Options(Optional.empty(), RowLossDeclarations.NONE, false);

    public Options withFormat(FolderFormat named) {
      return new Options(Optional.of(named), declarations, skipRepeatables);
    }

    public Options withDeclarations(RowLossDeclarations declared) {
      return new Options(format, declared, skipRepeatables);
    }

    public Options skippingRepeatables() {
      return new Options(format, declarations, true);
    }
  }

  /**
   * What a folder holds.
   *
   * @param layout the layout it was read in, and what showed it
   * @param scripts by version, then kind (V, U, C, P)
   * @param warnings what will not do as its author meant, in script order
   * @param skipped what its tool would run and the push leaves out, and why
   */
  public record Contents(
      Detection layout,
      List<MigrationScript> scripts,
      List<ScriptWarning> warnings,
      List<SkippedEntry> skipped) {
    public Contents {
      scripts = List.copyOf(scripts);
      warnings = List.copyOf(warnings);
      skipped = List.copyOf(skipped);
    }

    /** The scripts of one kind: {@code scriptsOf(MIGRATE)} are the versions. */
    public List<MigrationScript> scriptsOf(ScriptKind kind) {
      return scripts.stream().filter(script -> script.kind() == kind).toList();
    }
  }

  /**
   * The scripts of {@code set} in {@code dir}, in its detected layout, ordered by version then kind
   * (V, U, C, P).
   *
   * @throws MigrationFolderException naming every problem: a folder in no layout or in several, bad
   *     names, a version held twice, down, verification or probe scripts without their up script,
   *     scripts without SQL or not UTF-8, bad {@code -- flotilla:} directive lines, repeatable
   *     scripts, and a folder that cannot be read
   */
  public static List<MigrationScript> read(MigrationSetId set, Path dir) {
    return read(set, dir, Clock.systemUTC());
  }

  public static List<MigrationScript> read(MigrationSetId set, Path dir, Clock clock) {
    return load(set, dir, Options.DETECT, clock).scripts();
  }

  /**
   * Like {@link #read(MigrationSetId, Path)}, with row loss declared at push added to the up
   * scripts of the declared versions.
   *
   * @throws MigrationFolderException also when a declared version has no up script
   */
  public static List<MigrationScript> read(
      MigrationSetId set, Path dir, RowLossDeclarations declarations) {
    return load(set, dir, Options.DETECT.withDeclarations(declarations), Clock.systemUTC())
        .scripts();
  }

  /** Like {@link #load(MigrationSetId, Path, Options, Clock)}, in the detected layout. */
  public static Contents load(
      MigrationSetId set, Path dir, RowLossDeclarations declarations, Clock clock) {
    return load(set, dir, Options.DETECT.withDeclarations(declarations), clock);
  }

  /**
   * The scripts as {@link #read(MigrationSetId, Path, RowLossDeclarations)} reads them, in the
   * layout {@code options} names or the detected one, with the warnings about them and what was
   * left out.
   */
  public static Contents load(MigrationSetId set, Path dir, Options options, Clock clock) {
    Detection layout =
        options
            .format()
            .map(
                named ->
                    new Detection(
                        named, List.of("as named (--format " + named.cliName() + ")"), List.of()))
            .orElseGet(() -> FormatDetector.detect(dir));
    return of(set, layout, FolderReader.read(dir, layout.format()), options, clock.instant());
  }

  /**
   * The scripts of a folder already read.
   *
   * @throws MigrationFolderException naming every problem the reading has for a push
   */
  public static Contents of(
      MigrationSetId set,
      Detection layout,
      FolderReading reading,
      Options options,
      Instant occurredAt) {
    List<String> problems = new ArrayList<>();
    List<MigrationScript> scripts = new ArrayList<>();
    List<ScriptWarning> warnings = new ArrayList<>();
    for (FolderScript script : reading.scripts()) {
      script(set, script, options.declarations(), occurredAt, problems)
          .ifPresent(
              made -> {
                scripts.add(made);
                warnings.addAll(TransactionLint.check(script.file(), script.firstLine(), made));
              });
    }
    List<SkippedEntry> skipped = new ArrayList<>(reading.skipped());
    for (RepeatableScript repeatable : reading.repeatables()) {
      if (options.skipRepeatables()) {
        skipped.add(
            new SkippedEntry(
                repeatable.file(),
                "a Flyway repeatable script, left out as asked: "
                    + NOT_REAPPLIED
                    + "; apply it yourself"));
      } else {
        problems.add(
            repeatable.file()
                + ": a Flyway repeatable script; "
                + NOT_REAPPLIED
                + ". Make it a versioned script, or push with --skip-repeatables and apply it"
                + " yourself");
      }
    }
    SortedSet<VersionId> versions =
        reading.scriptsOf(ScriptKind.MIGRATE).stream()
            .map(FolderScript::version)
            .collect(Collectors.toCollection(TreeSet::new));
    if (versions.isEmpty()) {
      problems.add("has no versioned script, only repeatable ones");
    }
    problems.addAll(declarationProblems(options.declarations(), versions));
    if (!problems.isEmpty()) {
      throw new MigrationFolderException(reading.folder(), problems);
    }
    return new Contents(layout, scripts, warnings, skipped);
  }

  private static Optional<MigrationScript> script(
      MigrationSetId set,
      FolderScript script,
      RowLossDeclarations declarations,
      Instant occurredAt,
      List<String> problems) {
    if (script.version().isZero()) {
      problems.add(
          script.file()
              + ": version 0 stands for a database no version was applied to; number versions"
              + " from 1 up");
      return Optional.empty();
    }
    ScriptDirectives.Reading reading = ScriptDirectives.read(script.kind(), script.sql());
    reading
        .problems()
        .forEach(
            problem ->
                problems.add(
                    script.file()
                        + ":"
                        + (script.firstLine() + problem.line() - 1)
                        + ": "
                        + problem.message()));
    if (!reading.problems().isEmpty()) {
      return Optional.empty();
    }
    ScriptDirectives directives = reading.directives();
    TreeSet<String> allowed = new TreeSet<>(directives.allowedRowLoss());
    if (script.kind() == ScriptKind.MIGRATE) {
      allowed.addAll(declarations.tablesOf(script.version()));
    }
    String sha256 = ScriptChecksum.of(script.sql().getBytes(StandardCharsets.UTF_8));
    try {
      return Optional.of(
          new MigrationScript(
              ScriptIdentity.of(
                  set, script.kind(), script.version(), sha256, List.copyOf(allowed), null),
              occurredAt,
              set,
              script.version(),
              script.kind(),
              script.description().strip(),
              script.sql(),
              sha256,
              script.transactional() && !directives.noTransaction(),
              List.copyOf(allowed),
              script.file(),
              null));
    } catch (InvalidMessageException e) {
      problems.add(script.file() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Declarations for versions the folder has no up script of. */
  private static List<String> declarationProblems(
      RowLossDeclarations declarations, SortedSet<VersionId> versions) {
    return declarations.tablesByVersion().keySet().stream()
        .filter(version -> !versions.contains(version))
        .map(
            version ->
                "row loss is declared for V"
                    + version
                    + ", but the folder has no up script of version "
                    + version
                    + (versions.isEmpty() ? "" : " (its versions are " + shown(versions) + ")"))
        .toList();
  }

  /** {@code 1, 1.1, 2}, or the first and last few of a long list. */
  private static String shown(SortedSet<VersionId> versions) {
    List<String> all = versions.stream().map(VersionId::toString).toList();
    if (all.size() <= SHOWN_VERSIONS) {
      return String.join(", ", all);
    }
    int half = SHOWN_VERSIONS / 2;
    return String.join(", ", all.subList(0, half))
        + ", …, "
        + String.join(", ", all.subList(all.size() - half, all.size()));
  }
}
