package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture folder, as read, builds the library schema on a fresh SQLite file, version by
 * version, and its down scripts take it back the way it came: the readers hand SQLite what each
 * tool would, sections split where the tool splits them and transactions where it opens them (the
 * {@code VACUUM} of version 5 fails inside one).
 */
class FolderFixturesApplyTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"flyway", "sqlx", "diesel", "golang-migrate", "goose", "dbmate", "plain"})
  void upScriptsBuildTheSchemaInOrderAndDownScriptsTakeItBack(String tool) throws SQLException {
    FolderReading reading = FolderReader.read(fixture(tool));
    List<FolderScript> ups = reading.scriptsOf(ScriptKind.MIGRATE);
    List<FolderScript> downs = reading.scriptsOf(ScriptKind.UNDO);
    assertThat(ups).hasSize(tool.equals("plain") ? 4 : 5);
    assertThat(downs).hasSize(tool.equals("plain") ? 0 : 5);

    try (Connection db = open(tool)) {
      List<List<String>> shapes = new ArrayList<>();
      shapes.add(shape(db));
      for (FolderScript up : ups) {
        for (FolderScript probe : companion(reading, up.version(), ScriptKind.PROBE)) {
          assertThat(rows(db, probe.sql())).as(probe.label()).isZero();
        }
        run(db, up);
        assertThat(rows(db, "PRAGMA foreign_key_check")).as(up.label()).isZero();
        for (FolderScript verification : companion(reading, up.version(), ScriptKind.VERIFY)) {
          assertThat(rows(db, verification.sql())).as(verification.label()).isZero();
        }
        shapes.add(shape(db));
      }
      assertThat(shapes).doesNotHaveDuplicates();
      theApplicationWorks(db);

      for (int i = downs.size() - 1; i >= 0; i--) {
        FolderScript down = downs.get(i);
        assertThat(down.version()).isEqualTo(ups.get(i).version());
        run(db, down);
        assertThat(rows(db, "PRAGMA foreign_key_check")).as(down.label()).isZero();
        assertThat(shape(db)).as("the schema after " + down.label()).isEqualTo(shapes.get(i));
      }
    }
  }

  @Test
  void flywaysRepeatablesApplyAfterTheVersionedScripts() throws SQLException {
    FolderReading reading = FolderReader.read(fixture("flyway"));

    try (Connection db = open("flyway")) {
      for (FolderScript up : reading.scriptsOf(ScriptKind.MIGRATE)) {
        run(db, up);
      }
      for (RepeatableScript repeatable : reading.repeatables()) {
        execute(db, repeatable.sql(), repeatable.transactional());
      }
      execute(db, "INSERT INTO author (name) VALUES ('Le Guin'), ('Calvino');", true);

      assertThat(rows(db, "SELECT name FROM author_directory")).isEqualTo(2);
    }
  }

  private Connection open(String tool) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(tool + ".db"));
  }

  /** The trigger of version 3 and the rebuilt table of version 4 do their work. */
  private static void theApplicationWorks(Connection db) throws SQLException {
    execute(
        db,
        "INSERT INTO author (id, name) VALUES (1, 'Ursula K. Le Guin');\n"
            + "INSERT INTO book (id, author_id, title, published, isbn)"
            + " VALUES (1, 1, 'The Dispossessed', 1974, '978-0-06-051275-4');\n"
            + "INSERT INTO loan (book_id, borrower) VALUES (1, 'ada');\n",
        true);
    assertThatThrownBy(
            () -> execute(db, "INSERT INTO loan (book_id, borrower) VALUES (1, 'bob');", true))
        .hasMessageContaining("the book is already on loan");
    assertThatThrownBy(
            () ->
                execute(
                    db,
                    "INSERT INTO book (author_id, title, published) VALUES (1, 'Dated', -1);",
                    true))
        .hasMessageContaining("CHECK constraint failed");
  }

  private static List<FolderScript> companion(
      FolderReading reading, VersionId version, ScriptKind kind) {
    return reading.scriptsOf(kind).stream().filter(s -> s.version().equals(version)).toList();
  }

  private static void run(Connection db, FolderScript script) throws SQLException {
    execute(db, script.sql(), script.transactional());
  }

  /** As a tool runs a script: all its statements, in a transaction or not. */
  private static void execute(Connection db, String sql, boolean transactional)
      throws SQLException {
    db.setAutoCommit(!transactional);
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate(sql);
      if (transactional) {
        db.commit();
      }
    } catch (SQLException e) {
      if (transactional) {
        db.rollback();
      }
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  private static int rows(Connection db, String query) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      int count = 0;
      while (result.next()) {
        count++;
      }
      return count;
    }
  }

  /**
   * The schema as SQLite describes it: each table's columns, foreign keys and indexes, and the text
   * of each trigger and view. Unlike sqlite_master's text it does not change when a table is
   * rebuilt back to what it was, or a column is added and dropped again.
   */
  private static List<String> shape(Connection db) throws SQLException {
    List<String> shape = new ArrayList<>();
    for (String table :
        strings(
            db,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      shape.add(
          "table "
              + table
              + " columns "
              + strings(
                  db,
                  "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || coalesce(dflt_value, '')"
                      + " || ' ' || pk FROM pragma_table_info('"
                      + table
                      + "') ORDER BY cid"));
      shape.add(
          "table "
              + table
              + " foreign keys "
              + strings(
                  db,
                  "SELECT \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' ' || on_delete"
                      + " FROM pragma_foreign_key_list('"
                      + table
                      + "') ORDER BY id, seq"));
      for (String index :
          strings(
              db,
              "SELECT name || ' ' || \"unique\" || ' ' || partial FROM pragma_index_list('"
                  + table
                  + "') ORDER BY name")) {
        String name = index.substring(0, index.indexOf(' '));
        shape.add(
            "table "
                + table
                + " index "
                + index
                + " on "
                + strings(
                    db,
                    "SELECT coalesce(name, '') FROM pragma_index_info('"
                        + name
                        + "') ORDER BY seqno"));
      }
    }
    shape.addAll(
        strings(
            db,
            "SELECT type || ' ' || name || ' ' || sql FROM sqlite_master"
                + " WHERE type IN ('trigger', 'view')"));
    shape.sort(String::compareTo);
    return shape;
  }

  private static List<String> strings(Connection db, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        values.add(Optional.ofNullable(result.getString(1)).orElse(""));
      }
    }
    values.sort(String::compareTo);
    return values;
  }
}
