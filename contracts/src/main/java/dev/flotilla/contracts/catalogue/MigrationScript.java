package dev.flotilla.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One script of a migration set, published by {@code flotilla migrations push} on the compacted
 * {@code flotilla.migrations} topic under the key {@code set/version/kind}.
 *
 * @param transactional false for scripts that cannot run inside a transaction; those are applied
 *     one by one, outside the per-device transaction
 * @param allowedRowLoss the tables this script may leave with fewer rows than it found (lower
 *     case), or {@value #ANY_TABLE} for any table: what its {@code -- flotilla:allows-row-loss}
 *     lines and the push declared. Any other table that loses rows fails the migration. Empty
 *     (schema 1) when nothing was declared.
 * @param file the script's path relative to the pushed folder, {@code /}-separated, as its tool
 *     names it ({@code V4__add_orders.sql}, {@code 20240605131359_create_users/up.sql}, {@code
 *     00003_loans.sql}): what the application's own history table records as the script. Empty in
 *     messages of schemas 1 and 2, pushed before the file was kept
 * @param replacedSha256 null, unless a push with {@code --force} replaced a published script of the
 *     same key whose text differed: then that script's SHA-256, so that the catalogue shows that
 *     devices may have applied another text under this version
 */
public record MigrationScript(
    MessageId messageId,
    Instant occurredAt,
    MigrationSetId migrationSet,
    VersionId version,
    ScriptKind kind,
    String description,
    String sql,
    String sha256,
    boolean transactional,
    List<String> allowedRowLoss,
    String file,
    String replacedSha256)
    implements Message {
  /** In {@link #allowedRowLoss}: a deliberate purge, any table may lose rows. */
  public static final String ANY_TABLE = "*";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public MigrationScript {
    Check.required(messageId, "messageId");
    Check.required(occurredAt, "occurredAt");
    Check.required(migrationSet, "migrationSet");
    Check.version(version, "version");
    Check.required(kind, "kind");
    description = description == null ? "" : description;
    Check.notBlank(sql, "sql");
    Check.matches(sha256, SHA256, "sha256", "a lower-case hex SHA-256");
    allowedRowLoss =
        Check.list(allowedRowLoss, "allowedRowLoss").stream()
            .map(table -> table.strip().toLowerCase(Locale.ROOT))
            .distinct()
            .sorted()
            .toList();
    for (int i = 0; i < allowedRowLoss.size(); i++) {
      Check.notBlank(allowedRowLoss.get(i), "allowedRowLoss[" + i + "]");
    }
    file = file == null ? "" : file;
    if (replacedSha256 != null) {
      Check.matches(replacedSha256, SHA256, "replacedSha256", "a lower-case hex SHA-256");
    }
  }

  /** A script of no known file that replaced nothing, as pushes before schema 3 wrote them. */
  public MigrationScript(
      MessageId messageId,
      Instant occurredAt,
      MigrationSetId migrationSet,
      VersionId version,
      ScriptKind kind,
      String description,
      String sql,
      String sha256,
      boolean transactional,
      List<String> allowedRowLoss) {
    this(
        messageId,
        occurredAt,
        migrationSet,
        version,
        kind,
        description,
        sql,
        sha256,
        transactional,
        allowedRowLoss,
        "",
        null);
  }

  /** A script that allows no table to lose rows. */
  public MigrationScript(
      MessageId messageId,
      Instant occurredAt,
      MigrationSetId migrationSet,
      VersionId version,
      ScriptKind kind,
      String description,
      String sql,
      String sha256,
      boolean transactional) {
    this(
        messageId,
        occurredAt,
        migrationSet,
        version,
        kind,
        description,
        sql,
        sha256,
        transactional,
        List.of());
  }

  /**
   * This script under {@code newMessageId}, recorded as replacing the published script whose
   * SHA-256 was {@code previous} (null: it replaced none).
   */
  public MigrationScript replacing(MessageId newMessageId, String previous) {
    return new MigrationScript(
        newMessageId,
        occurredAt,
        migrationSet,
        version,
        kind,
        description,
        sql,
        sha256,
        transactional,
        allowedRowLoss,
        file,
        previous);
  }

  /**
   * The compaction key: one live record per script. The version is in its {@link
   * VersionId#canonical() canonical} form, so {@code 001} and {@code 1} are one record.
   */
  @JsonIgnore
  public String key() {
    return migrationSet + "/" + version.canonical() + "/" + kind.prefix();
  }
}
