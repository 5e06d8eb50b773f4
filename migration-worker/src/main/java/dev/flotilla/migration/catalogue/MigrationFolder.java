package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.history.ScriptChecksum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a folder of Flyway-named scripts ({@code V<n>__desc.sql}, {@code U<n>__desc.sql}, {@code
 * C<n>__desc.sql}, {@code P<n>__desc.sql}) into the {@link MigrationScript}s of one set, so that
 * users bring the folders they already have. Hidden files and files not ending in {@code .sql} (a
 * README) are ignored; every other problem is reported at once in a {@link
 * MigrationFolderException}.
 */
public final class MigrationFolder {
  /**
   * A script whose first line is this cannot run inside a transaction: {@link ScriptDirectives}.
   */
  public static final String NO_TRANSACTION_MARKER =
      "-- flotilla:" + ScriptDirectives.NO_TRANSACTION;

  static final Comparator<MigrationScript> ORDER = Catalogue.SCRIPT_ORDER;

  private MigrationFolder() {}

  /** What a folder holds: its scripts, and what they will not do as their authors meant. */
  public record Contents(List<MigrationScript> scripts, List<ScriptWarning> warnings) {
    public Contents {
      scripts = List.copyOf(scripts);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The scripts of {@code set} in {@code dir}, ordered by version then kind (V, U, C, P).
   *
   * @throws MigrationFolderException naming every bad file: names that are not Flyway names,
   *     duplicate versions, gaps in the V versions, U, C or P scripts without their V, empty or
   *     non-UTF-8 files, bad {@code -- flotilla:} directive lines, and a folder that cannot be read
   */
  public static List<MigrationScript> read(MigrationSetId set, Path dir) {
    return read(set, dir, Clock.systemUTC());
  }

  public static List<MigrationScript> read(MigrationSetId set, Path dir, Clock clock) {
    return load(set, dir, RowLossDeclarations.NONE, clock).scripts();
  }

  /**
   * Like {@link #read(MigrationSetId, Path)}, with row loss declared at push added to the V scripts
   * of the declared versions.
   *
   * @throws MigrationFolderException also when a declared version has no V script
   */
  public static List<MigrationScript> read(
      MigrationSetId set, Path dir, RowLossDeclarations declarations) {
    return load(set, dir, declarations, Clock.systemUTC()).scripts();
  }

  /**
   * The scripts as {@link #read(MigrationSetId, Path, RowLossDeclarations)} reads them, and the
   * {@link TransactionLint} warnings about them, in file then line order.
   */
  public static Contents load(
      MigrationSetId set, Path dir, RowLossDeclarations declarations, Clock clock) {
    List<String> problems = new ArrayList<>();
    List<MigrationScript> scripts = new ArrayList<>();
    List<ScriptWarning> warnings = new ArrayList<>();
    Map<String, String> fileOfScript = new HashMap<>();
    Instant now = clock.instant();
    for (Path file : sqlFiles(dir)) {
      String fileName = file.getFileName().toString();
      Optional<ScriptName> name = ScriptName.parse(fileName);
      if (name.isEmpty()) {
        problems.add(
            fileName
                + ": not a migration script name; expected V<n>__<description>.sql (or U, C, P)"
                + " with a whole version number from 1 up, e.g. V2__add_trips.sql");
        continue;
      }
      String previous = fileOfScript.putIfAbsent(name.get().label(), fileName);
      if (previous != null) {
        problems.add(fileName + ": " + previous + " already defines " + name.get().label());
        continue;
      }
      try {
        byte[] bytes = Files.readAllBytes(file);
        String sql = utf8(bytes);
        ScriptDirectives.Reading directives = ScriptDirectives.read(name.get().kind(), sql);
        directives
            .problems()
            .forEach(
                problem ->
                    problems.add(fileName + ":" + problem.line() + ": " + problem.message()));
        List<String> declared =
            name.get().kind() == ScriptKind.MIGRATE
                ? declarations.tablesOf(name.get().version())
                : List.of();
        MigrationScript script =
            script(set, name.get(), bytes, sql, directives.directives(), declared, now);
        scripts.add(script);
        warnings.addAll(TransactionLint.check(fileName, script));
      } catch (CharacterCodingException e) {
        problems.add(fileName + ": is not UTF-8 text");
      } catch (IOException e) {
        problems.add(fileName + ": cannot be read: " + e.getMessage());
      } catch (InvalidMessageException e) {
        problems.add(fileName + ": " + (e.field().equals("sql") ? "is empty" : e.getMessage()));
      }
    }
    problems.addAll(structureProblems(scripts, fileOfScript));
    problems.addAll(declarationProblems(declarations, fileOfScript));
    if (!problems.isEmpty()) {
      throw new MigrationFolderException(dir, problems);
    }
    scripts.sort(ORDER);
    return new Contents(scripts, warnings);
  }

  private static List<Path> sqlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new MigrationFolderException(dir, List.of("is not a directory"));
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .filter(path -> path.getFileName().toString().endsWith(".sql"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new MigrationFolderException(dir, List.of("cannot be listed: " + e.getMessage()));
    }
  }

  private static MigrationScript script(
      MigrationSetId set,
      ScriptName name,
      byte[] bytes,
      String sql,
      ScriptDirectives directives,
      List<String> declared,
      Instant now) {
    String sha256 = ScriptChecksum.of(bytes);
    TreeSet<String> allowed = new TreeSet<>(directives.allowedRowLoss());
    allowed.addAll(declared);
    return new MigrationScript(
        messageId(set, name, sha256, List.copyOf(allowed)),
        now,
        set,
        VersionId.of(name.version()),
        name.kind(),
        name.description(),
        sql,
        sha256,
        !directives.noTransaction(),
        List.copyOf(allowed));
  }

  /**
   * The same file pushed twice is the same message; pushed again with other row loss declared, it
   * is a new one. Without any declared, the id is what it was before scripts could declare any.
   */
  private static MessageId messageId(
      MigrationSetId set, ScriptName name, String sha256, List<String> allowedRowLoss) {
    String identity = set + "/" + name.label() + "/" + sha256;
    if (!allowedRowLoss.isEmpty()) {
      identity += "/allows-row-loss=" + String.join(",", allowedRowLoss);
    }
    return MessageId.derivedFrom(identity);
  }

  /** Declarations for versions the folder has no V script of. */
  private static List<String> declarationProblems(
      RowLossDeclarations declarations, Map<String, String> fileOfScript) {
    return declarations.tablesByVersion().keySet().stream()
        .filter(version -> !fileOfScript.containsKey(ScriptKind.MIGRATE.prefix() + version))
        .map(
            version ->
                "row loss is declared for V"
                    + version
                    + ", but the folder has no V"
                    + version
                    + "__<description>.sql script")
        .toList();
  }

  private static List<String> structureProblems(
      List<MigrationScript> scripts, Map<String, String> fileOfScript) {
    List<String> problems = new ArrayList<>();
    TreeSet<Integer> migrations =
        scripts.stream()
            .filter(script -> script.kind() == ScriptKind.MIGRATE)
            .map(script -> script.version().asInt().orElseThrow())
            .collect(Collectors.toCollection(TreeSet::new));
    // Names that parsed but whose files were unreadable still count as present here.
    fileOfScript.keySet().stream()
        .filter(label -> label.startsWith(ScriptKind.MIGRATE.prefix()))
        .map(label -> Integer.parseInt(label.substring(1)))
        .forEach(migrations::add);
    if (migrations.isEmpty()) {
      problems.add("has no V<n>__<description>.sql script");
      return problems;
    }
    for (int version = 1; version < migrations.last(); version++) {
      if (!migrations.contains(version)) {
        problems.add(
            "V"
                + version
                + " is missing: versions must run from V1 to V"
                + migrations.last()
                + " without gaps");
      }
    }
    scripts.stream()
        .filter(script -> script.kind() != ScriptKind.MIGRATE)
        .filter(script -> !migrations.contains(script.version().asInt().orElseThrow()))
        .sorted(ORDER)
        .forEach(
            script ->
                problems.add(
                    fileOfScript.get(script.kind().prefix() + script.version())
                        + ": there is no V"
                        + script.version()
                        + " for it to "
                        + purpose(script.kind())));
    return problems;
  }

  /** What a U, C or P script does with its V: {@code there is no V7 for it to <purpose>}. */
  private static String purpose(ScriptKind kind) {
    return switch (kind) {
      case UNDO -> "undo";
      case VERIFY -> "verify";
      case PROBE -> "run before";
      case MIGRATE -> throw new IllegalArgumentException("a V script is its own version");
    };
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
