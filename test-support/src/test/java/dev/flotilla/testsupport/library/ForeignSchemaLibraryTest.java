package dev.flotilla.testsupport.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeignSchemaLibraryTest {
  @TempDir Path dir;

  @Test
  void itHasTheLibrarysTableNamesWithOtherColumnsAndATableOfItsOwn() {
    Path db = dir.resolve("foreign.db");

    ForeignSchemaLibrary.create(db);

    assertThat(DeviceFiles.rowCounts(db))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("author", 40L, "book", 80L, "loan", 20L, "member", 30L));
    assertThat(DeviceFiles.rows(db, "SELECT name FROM pragma_table_info('book') ORDER BY cid"))
        .containsExactly(
            List.of("id"),
            List.of("author_id"),
            List.of("title"),
            List.of("year"),
            List.of("pages"));
    assertThat(DeviceFiles.rows(db, "PRAGMA foreign_key_check")).isEmpty();
    assertThat(DeviceFiles.integrityCheck(db)).containsExactly("ok");
  }
}
