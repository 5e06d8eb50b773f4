package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A chat application's fleet: {@code <fleet dir>/<device>.db}, each provisioned the way the app
 * does it: its own connection in SQLite's default rollback-journal mode, foreign keys on, version 1
 * of its migration set applied and recorded in Flotilla's schema history (as {@code DemoFleet} does
 * for the demo and FleetControlIT for its parts devices), then a few weeks of users, conversations,
 * messages and attachments that follow from the seed alone. Messages are inserted one by one, so
 * the app's trigger keeps each conversation's {@code last_message_at}.
 */
final class ChatFleet {
  /** The app's schema, {@code V1__init.sql} of every chat migration set. */
  static final String V1 =
      """
      CREATE TABLE users (
        id           INTEGER PRIMARY KEY,
        handle       TEXT    NOT NULL UNIQUE,
        display_name TEXT    NOT NULL,
        created_at   TEXT    NOT NULL
      );
      CREATE TABLE conversations (
        id              INTEGER PRIMARY KEY,
        title           TEXT    NOT NULL,
        created_by      INTEGER NOT NULL,
        created_at      TEXT    NOT NULL,
        last_message_at TEXT,
        FOREIGN KEY (created_by) REFERENCES users (id)
      );
      CREATE INDEX conversations_last_message_at ON conversations (last_message_at);
      CREATE TABLE messages (
        id              INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL,
        sender_id       INTEGER NOT NULL,
        body            TEXT    NOT NULL,
        sent_at         TEXT    NOT NULL,
        FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
        FOREIGN KEY (sender_id) REFERENCES users (id)
      );
      CREATE INDEX messages_conversation_sent_at ON messages (conversation_id, sent_at);
      CREATE TABLE attachments (
        id         INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL,
        file_name  TEXT    NOT NULL,
        mime_type  TEXT    NOT NULL,
        size_bytes INTEGER NOT NULL,
        FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
      );
      CREATE INDEX attachments_message_id ON attachments (message_id);
      CREATE TRIGGER messages_touch_conversation AFTER INSERT ON messages
      BEGIN
        UPDATE conversations SET last_message_at = NEW.sent_at
         WHERE id = NEW.conversation_id
           AND (last_message_at IS NULL OR last_message_at < NEW.sent_at);
      END;
      """;

  private static final Instant FIRST_DAY = Instant.parse("2026-01-05T07:00:00Z");
  private static final List<String> NAMES =
      List.of("Ada", "Bo", "Chen", "Dara", "Emeka", "Femi", "Greta", "Hiro", "Ines", "Jonas");
  private static final List<String> WORDS =
      List.of(
          "lunch",
          "tomorrow",
          "meeting",
          "moved",
          "ok",
          "see",
          "you",
          "at",
          "the",
          "station",
          "thanks",
          "photo",
          "late",
          "train",
          "call",
          "me",
          "when",
          "free",
          "sounds",
          "good");
  private static final List<String> MIME_TYPES =
      List.of("image/jpeg", "image/png", "application/pdf", "audio/ogg");

  private ChatFleet() {}

  /** Writes a migration set folder: {@link #V1} as {@code V1__init.sql} and {@code scripts}. */
  static Path writeSet(Path dir, Map<String, String> scripts) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("V1__init.sql"), V1);
    for (Map.Entry<String, String> script : scripts.entrySet()) {
      Files.writeString(dir.resolve(script.getKey()), script.getValue());
    }
    return dir;
  }

  /** The {@code V1} script of a set read by {@code MigrationFolder}. */
  static MigrationScript v1Of(List<MigrationScript> set) {
    return set.stream()
        .filter(s -> s.kind() == ScriptKind.MIGRATE && s.version().equals(VersionId.of(1)))
        .findFirst()
        .orElseThrow();
  }

  /** Provisions {@code devices} at version 1 ({@code v1}); their rows follow from the seed. */
  static void generate(Path fleetDir, List<DeviceId> devices, MigrationScript v1, long seed)
      throws IOException, SQLException {
    Files.createDirectories(fleetDir);
    for (int i = 0; i < devices.size(); i++) {
      provision(db(fleetDir, devices.get(i)), v1, new SplittableRandom(seed * 31 + i));
    }
  }

  static Path db(Path fleetDir, DeviceId device) {
    return fleetDir.resolve(device.value() + ".db");
  }

  /**
   * The same database opened read-only ({@code open_mode=1} = SQLITE_OPEN_READONLY), for the
   * helpers that take a path: whatever they run, they cannot change the file they inspect.
   */
  static Path readOnly(Path db) {
    return Path.of(db + "?open_mode=1");
  }

  /** Every row of {@code table} as {@link SqlDump} renders it, in rowid order. */
  static List<String> rows(Path db, String table) throws SQLException {
    return SqlDump.of(readOnly(db)).stream().filter(line -> line.startsWith(table + ":")).toList();
  }

  /** The first column (the id) of a row rendered by {@link SqlDump}. */
  static long idOf(String row) {
    return Long.parseLong(row.split(" ", 3)[1]);
  }

  /** The ids a query returns, e.g. the rows a purge should keep. */
  static Set<Long> ids(Path db, String query) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + readOnly(db));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    return ids;
  }

  /** The application's schema objects, {@code type name}, without SQLite's and Flotilla's own. */
  static List<String> schemaObjects(Path db) throws SQLException {
    return strings(
        db,
        "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            + " AND name NOT LIKE 'flotilla_%' ORDER BY type, name");
  }

  /** The columns of {@code table}, in order. */
  static List<String> columns(Path db, String table) throws SQLException {
    return strings(db, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
  }

  /** What {@code PRAGMA foreign_key_check} reports: one line per orphaned row. */
  static List<String> foreignKeyViolations(Path db) throws SQLException {
    return strings(
        db,
        "SELECT \"table\" || ' rowid ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check");
  }

  static String journalMode(Path db) throws SQLException {
    return strings(db, "PRAGMA journal_mode").get(0);
  }

  private static List<String> strings(Path db, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + readOnly(db));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private static void provision(Path file, MigrationScript v1, SplittableRandom random)
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
      c.setAutoCommit(false);
      long started = System.nanoTime();
      // sqlite-jdbc runs every statement of the script, the trigger's body included.
      s.executeUpdate(v1.sql());
      SchemaHistory.record(
          c,
          new AppliedMigration(
              VersionId.of(1),
              v1.description(),
              v1.sha256(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
              (System.nanoTime() - started) / 1_000_000,
              null));
      insertRows(c, random);
      c.commit();
    }
  }

  private static void insertRows(Connection c, SplittableRandom random) throws SQLException {
    int users = random.nextInt(20, 40);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO users (id, handle, display_name, created_at) VALUES (?, ?, ?, ?)")) {
      for (int id = 1; id <= users; id++) {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        insert.setInt(1, id);
        insert.setString(2, name.toLowerCase(Locale.ROOT) + id);
        insert.setString(3, name + " " + (char) ('A' + random.nextInt(26)) + ".");
        insert.setString(4, FIRST_DAY.minus(random.nextInt(1, 400), ChronoUnit.DAYS).toString());
        insert.executeUpdate();
      }
    }
    int conversations = random.nextInt(30, 60);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO conversations (id, title, created_by, created_at) VALUES (?, ?, ?, ?)")) {
      for (int id = 1; id <= conversations; id++) {
        insert.setInt(1, id);
        insert.setString(2, words(random, 1, 4));
        insert.setInt(3, random.nextInt(1, users + 1));
        insert.setString(4, FIRST_DAY.minus(random.nextInt(1, 30), ChronoUnit.DAYS).toString());
        insert.executeUpdate();
      }
    }
    Map<Integer, Integer> attachmentsOf = new LinkedHashMap<>();
    int messages = random.nextInt(700, 1400);
    Instant sentAt = FIRST_DAY;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO messages (id, conversation_id, sender_id, body, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= messages; id++) {
        // About 80 days of chat in all, whatever the number of messages.
        sentAt = sentAt.plusSeconds(random.nextLong(1, 2 * 80 * 86_400L / messages));
        insert.setInt(1, id);
        insert.setInt(2, random.nextInt(1, conversations + 1));
        insert.setInt(3, random.nextInt(1, users + 1));
        insert.setString(4, words(random, 1, 20));
        insert.setString(5, sentAt.toString());
        insert.executeUpdate();
        if (random.nextInt(100) < 12) {
          attachmentsOf.put(id, random.nextInt(1, 4));
        }
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO attachments (message_id, file_name, mime_type, size_bytes)"
                + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<Integer, Integer> message : attachmentsOf.entrySet()) {
        for (int n = 0; n < message.getValue(); n++) {
          String mime = MIME_TYPES.get(random.nextInt(MIME_TYPES.size()));
          insert.setInt(1, message.getKey());
          insert.setString(2, "file-" + message.getKey() + "-" + n + "." + mime.split("/")[1]);
          insert.setString(3, mime);
          insert.setLong(4, random.nextLong(1_000, 5_000_000));
          insert.executeUpdate();
        }
      }
    }
  }

  private static String words(SplittableRandom random, int min, int max) {
    int count = random.nextInt(min, max + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return text.toString();
  }
}
