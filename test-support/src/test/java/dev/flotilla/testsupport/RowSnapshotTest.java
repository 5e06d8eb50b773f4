package dev.flotilla.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSnapshotTest {
  @TempDir Path dir;
  private Path db;

  @BeforeEach
  void aSmallApplication() {
    db = dir.resolve("app.db");
    DeviceFiles.execute(
        db,
        "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, photo BLOB)",
        "CREATE TABLE tag (book INTEGER, label TEXT)",
        "CREATE TABLE pair (a TEXT, b INTEGER, note TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID",
        "INSERT INTO author VALUES (1, 'Le Guin', x'00ff'), (2, 'Calvino', NULL),"
            + " (3000000000, 'Big key', NULL)",
        "INSERT INTO tag VALUES (1, 'sf'), (1, 'sf'), (2, NULL)",
        "INSERT INTO pair VALUES ('x', 1, 'one'), ('x', 2, 'two')",
        "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version TEXT)",
        "INSERT INTO flyway_schema_history VALUES (1, '1')");
  }

  @Test
  void aMigrationThatAddsColumnsRebuildsTablesAndVacuumsKeepsEveryRow() {
    RowSnapshot before = RowSnapshot.of(db);

    DeviceFiles.execute(
        db,
        "ALTER TABLE author ADD COLUMN born INTEGER DEFAULT 1929",
        "CREATE TABLE tag_new (book INTEGER NOT NULL DEFAULT 0, label TEXT, weight REAL)",
        "INSERT INTO tag_new (book, label) SELECT book, label FROM tag ORDER BY label DESC",
        "DROP TABLE tag",
        "ALTER TABLE tag_new RENAME TO tag",
        "INSERT INTO author (id, name) VALUES (4, 'New')",
        "INSERT INTO flyway_schema_history VALUES (2, '2')");
    DeviceFiles.execute(db, "VACUUM");

    assertThat(before.lostOrChangedIn(db)).isEmpty();
    assertThat(before.rowCounts())
        .containsOnlyKeys("author", "pair", "tag")
        .containsEntry("tag", 3);
  }

  @Test
  void aRowGoneAValueChangedAndAColumnDroppedAreEachNamed() {
    RowSnapshot before = RowSnapshot.of(db);

    DeviceFiles.execute(
        db,
        "DELETE FROM author WHERE id = 2",
        "UPDATE author SET photo = x'00fe' WHERE id = 1",
        "UPDATE pair SET note = 'TWO' WHERE b = 2",
        "DELETE FROM tag WHERE label = 'sf' AND rowid = (SELECT max(rowid) FROM tag WHERE label = 'sf')",
        "ALTER TABLE author DROP COLUMN photo");

    List<String> problems = before.lostOrChangedIn(db);

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "table author: row [1] was {id=1, name=Le Guin, photo=x'00ff'}, now has"
                + " {photo=(column gone)}",
            "table author: row [2] is gone: it was {id=2, name=Calvino, photo=null}",
            "table author: row [3000000000] was {id=3000000000, name=Big key, photo=null}, now"
                + " has {photo=(column gone)}",
            "table pair: row [x, 2] was {a=x, b=2, note=two}, now has {note=TWO}",
            "table tag: row [1, sf, 1] is gone: it was {book=1, label=sf}");
  }

  @Test
  void aTableDroppedIsLostWithItsRows() {
    RowSnapshot before = RowSnapshot.of(db);

    DeviceFiles.execute(db, "DROP TABLE pair");

    assertThat(before.lostOrChangedIn(db)).containsExactly("table pair is gone with its 2 rows");
  }
}
