/**
 * The history another migration tool keeps in an application's database: which tool, what it says
 * is applied, and the rows it would write, so Flotilla can adopt a database at the version the
 * application's own tool recorded and, after it migrates, reverts or restores one, leave that
 * tool's history saying exactly what the tool would have written. An application that migrates
 * itself at startup from its tool's history then finds nothing to re-run and nothing to refuse.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * ForeignToolDetection detection = ForeignToolDetector.detect(db);
 * ForeignTool tool = detection.only().orElseThrow();       // none, or two histories: do not guess
 * ForeignHistoryTable history = tool.historyTable();
 * ForeignHistory before = history.read(db);                // applied, current, anomalies
 *
 * db.setAutoCommit(false);                                  // the migration's transaction
 * ... run the script ...
 * history.recordApplied(db, new ScriptRun("4", "add orders", "V4__add_orders.sql", sql,
 *     elapsed, ""));
 * db.commit();                                              // the script and its record together
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.flotilla.devicedb.foreign.ForeignTool}: the tools, each with its table and its
 *       {@link dev.flotilla.devicedb.foreign.ForeignHistoryTable}.
 *   <li>{@link dev.flotilla.devicedb.foreign.ForeignToolDetector#detect}: the tools found, with
 *       evidence (table and columns, or the pragma's value), and the tables that bear a tool's name
 *       without its columns.
 *   <li>{@link dev.flotilla.devicedb.foreign.ForeignHistoryTable#read}: a {@link
 *       dev.flotilla.devicedb.foreign.ForeignHistory} with the applied versions as the tool stores
 *       them, the current version, and the anomalies that would stop the tool (dirty, failed,
 *       rolled-back rows read two ways). Adopt only a {@code clean()} history.
 *   <li>{@link dev.flotilla.devicedb.foreign.ForeignHistoryTable#recordApplied} and {@link
 *       dev.flotilla.devicedb.foreign.ForeignHistoryTable#recordReverted}: the tool's own
 *       statements, run in the caller's open transaction (they refuse auto-commit, never commit,
 *       never begin one). Timestamps are left to the table's defaults, as every tool leaves them.
 *       Creating a missing table is not done: an adopted database already has it.
 * </ul>
 *
 * <h2>Each tool's rules, and the source they follow</h2>
 *
 * <dl>
 *   <dt>Flyway (13.0.0; the checksum is unchanged since 9)
 *   <dd>{@code flyway_schema_history} as created by <a
 *       href="https://github.com/flyway/flyway/blob/c5e20fc77341d4117e7a291214e23f89c1371516/flyway-core/src/main/java/org/flywaydb/core/internal/database/sqlite/SQLiteDatabase.java">SQLiteDatabase.getRawCreateScript</a>.
 *       Applied: a row at {@code max(installed_rank) + 1}, version with {@code _} written {@code
 *       .}, type {@code SQL}, description cut to 200 and script to 1000 characters, checksum per <a
 *       href="https://github.com/flyway/flyway/blob/c5e20fc77341d4117e7a291214e23f89c1371516/flyway-core/src/main/java/org/flywaydb/core/internal/resolver/ChecksumCalculator.java">ChecksumCalculator</a>
 *       (CRC32 over the lines' UTF-8 bytes, no line endings, first-line BOM dropped, signed int),
 *       {@code execution_time} in ms, {@code success} 1, {@code installed_on} by default; per <a
 *       href="https://github.com/flyway/flyway/blob/c5e20fc77341d4117e7a291214e23f89c1371516/flyway-core/src/main/java/org/flywaydb/core/internal/schemahistory/JdbcTableSchemaHistory.java">JdbcTableSchemaHistory</a>
 *       and <a
 *       href="https://github.com/flyway/flyway/blob/c5e20fc77341d4117e7a291214e23f89c1371516/flyway-core/src/main/java/org/flywaydb/core/internal/schemahistory/SchemaHistory.java">SchemaHistory</a>.
 *       {@code installed_by} is the application's configured value, or {@code ""}, Flyway's default
 *       on SQLite. Reverted: Flyway Community has no undo and rejects row types it does not know,
 *       so the version's rows are deleted; a history already holding {@code UNDO_*} rows (Flyway
 *       Teams' {@code undo}) gets an {@code UNDO_SQL} row for the down script instead. Read: in
 *       {@code installed_rank} order; {@code success = 0} rows are anomalies; {@code DELETE} and
 *       {@code UNDO_*} rows take their version back; current is the highest version in <a
 *       href="https://github.com/flyway/flyway/blob/c5e20fc77341d4117e7a291214e23f89c1371516/flyway-core/src/main/java/org/flywaydb/core/api/MigrationVersion.java">MigrationVersion</a>
 *       order.
 *   <dt>sqlx (0.8.6 and main)
 *   <dd>{@code _sqlx_migrations} per <a
 *       href="https://github.com/launchbadge/sqlx/blob/9d6bf6629f172d32fe1e6cafe8071439d213fc75/sqlx-sqlite/src/migrate.rs">sqlx-sqlite/src/migrate.rs</a>.
 *       Applied: {@code (version, description, TRUE, checksum, execution_time)} with the checksum
 *       the SHA-384 of the script's text (<a
 *       href="https://github.com/launchbadge/sqlx/blob/9d6bf6629f172d32fe1e6cafe8071439d213fc75/sqlx-core/src/migrate/migration.rs">migration.rs</a>)
 *       and the elapsed nanoseconds sqlx sets after commit. Reverted: the row is deleted. Read: by
 *       version; {@code success = false} is a dirty migration. sqlx's optional ignored-characters
 *       checksum setting is not followed.
 *   <dt>Diesel (2.x)
 *   <dd>{@code __diesel_schema_migrations} per <a
 *       href="https://github.com/diesel-rs/diesel/blob/04cc1b0bc6578021db542464e6cd1a21e0d39235/diesel/src/migration/setup_migration_table.sql">setup_migration_table.sql</a>
 *       and <a
 *       href="https://github.com/diesel-rs/diesel/blob/04cc1b0bc6578021db542464e6cd1a21e0d39235/diesel_migrations/src/migration_harness.rs">migration_harness.rs</a>:
 *       applied inserts the version ({@code run_on} by default), reverted deletes it; versions are
 *       text, the directory name before its first {@code _} without dashes.
 *   <dt>golang-migrate (v4)
 *   <dd>{@code schema_migrations (version uint64, dirty bool)} per <a
 *       href="https://github.com/golang-migrate/migrate/blob/18966c755f83de2b250dd8e766bad8b769cd0e25/database/sqlite3/sqlite3.go">database/sqlite3/sqlite3.go</a>
 *       ({@code SetVersion}): one row, replaced by delete-all and insert on every change; reverted
 *       writes the version after, or leaves the table empty. Read: {@code dirty = 1} is an anomaly;
 *       the applied list is the current version alone.
 *   <dt>dbmate (v2)
 *   <dd>{@code "schema_migrations" (version varchar(128) primary key)} per <a
 *       href="https://github.com/amacneil/dbmate/blob/f3e08f15e39d5b3f10ba014b470467fb484dfc54/pkg/driver/sqlite/sqlite.go">pkg/driver/sqlite/sqlite.go</a>:
 *       applied inserts the version, reverted deletes it; versions are text.
 *   <dt>goose (v3.27.3)
 *   <dd>{@code goose_db_version} per <a
 *       href="https://github.com/pressly/goose/blob/520411a16119bd3b332613d1ff8312c4cc249673/internal/dialects/sqlite3.go">internal/dialects/sqlite3.go</a>
 *       and <a
 *       href="https://github.com/pressly/goose/blob/520411a16119bd3b332613d1ff8312c4cc249673/database/dialects.go">database/dialects.go</a>:
 *       applied inserts {@code (version_id, is_applied = 1)}, reverted deletes the version's rows
 *       (since v2.4.4; older releases inserted {@code is_applied = 0}). Read per {@code
 *       EnsureDBVersion} in <a
 *       href="https://github.com/pressly/goose/blob/520411a16119bd3b332613d1ff8312c4cc249673/migrate.go">migrate.go</a>:
 *       the latest row of each version decides; {@code is_applied = 0} rows, a missing version 0
 *       row and a disagreement with the {@code Provider}'s {@code max(version_id)} are anomalies.
 *   <dt>{@code PRAGMA user_version}
 *   <dd>The header integer of hand-rolled migrations (<a
 *       href="https://www.sqlite.org/pragma.html#pragma_user_version">SQLite</a>): applied sets the
 *       version, reverted the version after or 0. Room also checks {@code room_master_table}'s
 *       identity hash, which only the application can compute: adopting a Room database is not
 *       covered.
 * </dl>
 */
package dev.flotilla.devicedb.foreign;
