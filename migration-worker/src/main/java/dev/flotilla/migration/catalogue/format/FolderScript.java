package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.Objects;

/**
 * One script of a folder, whatever the tool that laid it out: an up script ({@link
 * ScriptKind#MIGRATE}), a down script ({@link ScriptKind#UNDO}), or one of Flotilla's own
 * verification ({@link ScriptKind#VERIFY}) and probe ({@link ScriptKind#PROBE}) scripts.
 *
 * @param version the tool's version id, as the folder writes it ({@code 20240605131359} for
 *     diesel's {@code 2024-06-05-131359_…}, which is how diesel records it)
 * @param description the name after the version, {@code _} read as a space, as the tools that
 *     record a description record it (Flyway, sqlx); not trimmed
 * @param sql what runs: the whole file's text, byte for byte, for tools with a file per script
 *     (their checksums are over it); for goose and dbmate, the lines of the section, markers left
 *     out
 * @param file where it comes from, relative to the folder, with {@code /} separators: {@code
 *     V1__init.sql}, {@code sub/V2__x.sql}, {@code 2024-06-05-131359_create_users/up.sql}. Goose
 *     and dbmate files give two scripts, told apart by {@link #firstLine}
 * @param firstLine the line of {@code file} that the first line of {@code sql} is, so that a
 *     message about line n of {@code sql} can name line {@code firstLine + n - 1} of the file
 * @param transactional false when the tool's own marker says the script runs outside a transaction
 *     (sqlx {@code -- no-transaction}, goose {@code -- +goose NO TRANSACTION}, dbmate {@code
 *     transaction:false}, diesel {@code run_in_transaction = false}, Flyway {@code
 *     executeInTransaction=false}); Flotilla's own {@code -- flotilla:} lines are still in {@code
 *     sql}, for the push to read as it reads them in its own layout
 */
public record FolderScript(
    VersionId version,
    ScriptKind kind,
    String description,
    String sql,
    String file,
    int firstLine,
    boolean transactional) {
  public FolderScript {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(file, "file");
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine must be at least 1 but was " + firstLine);
    }
  }

  /** A script that is a whole file. */
  public FolderScript(
      VersionId version,
      ScriptKind kind,
      String description,
      String sql,
      String file,
      boolean transactional) {
    this(version, kind, description, sql, file, 1, transactional);
  }

  /** {@code V3 20240605131359_x.sql} or {@code U3 00003_x.sql:12}, for messages. */
  public String label() {
    return kind.prefix() + version + " " + file + (firstLine > 1 ? ":" + firstLine : "");
  }
}
