package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.VersionId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a Flyway file name says, parsed as Flyway's ResourceNameParser parses it with the default
 * settings: the {@code .sql} suffix in any case; the longest prefix that matches (callback names
 * such as {@code afterMigrate}, then {@code V}, {@code U}, {@code R} and {@code B}); then the part
 * up to the first {@code __} is the version ({@code 1.2}, {@code 1_2}; none for {@code R}) and the
 * rest the description, {@code _} read as a space. {@code V1.sql} is a valid name with an empty
 * description.
 *
 * @param version empty for repeatables and callbacks
 */
record FlywayName(Type type, Optional<VersionId> version, String description) {
  enum Type {
    VERSIONED("V"),
    UNDO("U"),
    REPEATABLE("R"),
    BASELINE("B"),
    CALLBACK("");

    final String prefix;

    Type(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Flyway's callback events; a script named after one runs around Flyway's own commands. */
  private static final List<String> CALLBACKS =
      List.of(
              "beforeClean",
              "afterClean",
              "afterCleanError",
              "beforeMigrate",
              "beforeEachMigrate",
              "beforeEachMigrateStatement",
              "afterEachMigrateStatement",
              "afterEachMigrateStatementError",
              "afterEachMigrate",
              "afterEachMigrateError",
              "beforeRepeatables",
              "afterVersioned",
              "afterMigrateApplied",
              "afterMigrate",
              "afterMigrateError",
              "beforeUndo",
              "beforeEachUndo",
              "beforeEachUndoStatement",
              "afterEachUndoStatement",
              "afterEachUndoStatementError",
              "afterEachUndo",
              "afterEachUndoError",
              "afterUndo",
              "afterUndoError",
              "beforeValidate",
              "afterValidate",
              "afterValidateError",
              "beforeBaseline",
              "afterBaseline",
              "afterBaselineError",
              "beforeRepair",
              "afterRepair",
              "afterRepairError",
              "beforeInfo",
              "afterInfo",
              "afterInfoError",
              "afterMigrateOperationFinish",
              "afterInfoOperationFinish",
              "createSchema",
              "beforeCreateSchema",
              "beforeConnect",
              "afterConnect")
          .stream()
          .sorted(Comparator.comparing(String::length).reversed())
          .toList();

  private static final String SEPARATOR = "__";
  static final String EXPECTED = "V<version>__<description>.sql, U<version>__… or R__…";

  /** A name of Flyway's, or why it is not one. */
  sealed interface Parsed permits Named, Misnamed {}

  record Named(FlywayName name) implements Parsed {}

  record Misnamed(String reason) implements Parsed {}

  static Parsed parse(String file) {
    String fileName = FolderListing.fileName(file);
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".sql")) {
      return new Misnamed("not a .sql file");
    }
    String name = fileName.substring(0, fileName.length() - ".sql".length());
    for (String callback : CALLBACKS) {
      if (name.startsWith(callback)) {
        return new Named(new FlywayName(Type.CALLBACK, Optional.empty(), callback));
      }
    }
    for (Type type : List.of(Type.VERSIONED, Type.UNDO, Type.REPEATABLE, Type.BASELINE)) {
      if (name.startsWith(type.prefix)) {
        return parse(type, name.substring(type.prefix.length()));
      }
    }
    return new Misnamed("not a Flyway migration name; expected " + EXPECTED);
  }

  private static Parsed parse(Type type, String rest) {
    int separator = rest.indexOf(SEPARATOR);
    String written = separator < 0 ? rest : rest.substring(0, separator);
    String description =
        separator < 0 ? "" : rest.substring(separator + SEPARATOR.length()).replace('_', ' ');
    if (type == Type.REPEATABLE) {
      if (!written.isEmpty()) {
        return new Misnamed(
            "a Flyway repeatable migration has no version; name it R__<description>.sql");
      }
      return new Named(new FlywayName(type, Optional.empty(), description));
    }
    if (written.isEmpty()) {
      return new Misnamed(
          "a Flyway "
              + type.prefix
              + " script needs a version, e.g. "
              + type.prefix
              + "1.2__x.sql");
    }
    Optional<VersionId> version = VersionId.tryParse(written);
    if (version.isEmpty()) {
      return new Misnamed(
          "'"
              + written
              + "' is not a Flyway version (whole numbers separated by . or _); expected "
              + EXPECTED);
    }
    return new Named(new FlywayName(type, version, description));
  }
}
