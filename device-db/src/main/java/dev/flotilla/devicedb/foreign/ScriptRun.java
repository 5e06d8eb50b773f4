package dev.flotilla.devicedb.foreign;

import java.time.Duration;
import java.util.Objects;

/**
 * One script that ran, in neutral terms, for a tool's writer to record as the tool would. Each tool
 * keeps only some of these; none takes a clock, because every tool lets the table's default ({@code
 * CURRENT_TIMESTAMP} and the like) stamp the row, and so do the writers.
 *
 * @param version the version id in the application's terms ({@code "3"}, {@code "1_1"}, {@code
 *     "20240101120000"}); the writer applies the tool's own normalisation (Flyway turns {@code _}
 *     into {@code .}) and the integer tools (sqlx, golang-migrate, goose, {@code user_version})
 *     require digits
 * @param description the tool's description, as the tool derives it from the file name (Flyway and
 *     sqlx: the part after the version with {@code _} read as spaces)
 * @param scriptName the file name as the tool names it (Flyway's {@code script} column: the path
 *     below the migrations location, {@code V3__add_orders.sql})
 * @param sql the script's text exactly as in the file, decoded as UTF-8 with nothing stripped (a
 *     byte-order mark stays as {@code \uFEFF}): the checksums are computed from it
 * @param executionTime how long the script took
 * @param installedBy Flyway's {@code installed_by}: the application's configured {@code
 *     installedBy}, or the empty string, which is what Flyway writes on SQLite by default
 */
public record ScriptRun(
    String version,
    String description,
    String scriptName,
    String sql,
    Duration executionTime,
    String installedBy) {

  public ScriptRun {
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new IllegalArgumentException("version is blank");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(scriptName, "scriptName");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(executionTime, "executionTime");
    if (executionTime.isNegative()) {
      throw new IllegalArgumentException("executionTime is negative: " + executionTime);
    }
    Objects.requireNonNull(installedBy, "installedBy");
  }
}
