package dev.flotilla.testsupport.tool;

import java.util.Objects;

/**
 * One up script as a migration tool finds it in its folder, in the terms device-db's {@code
 * ScriptRun} takes.
 *
 * @param version the version as the folder writes it ({@code 1.1}, {@code 00003}, {@code
 *     20240605131359}); the tool's history writer stores it the tool's way
 * @param description the tool's description of it (Flyway and sqlx record one)
 * @param scriptName the file as the tool names it, relative to its folder
 * @param sql the script exactly as the tool runs it (its checksum is over this text)
 * @param transactional false when the tool's own marker runs it outside a transaction
 */
public record ToolMigration(
    String version, String description, String scriptName, String sql, boolean transactional) {
  public ToolMigration {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(scriptName, "scriptName");
    Objects.requireNonNull(sql, "sql");
  }
}
