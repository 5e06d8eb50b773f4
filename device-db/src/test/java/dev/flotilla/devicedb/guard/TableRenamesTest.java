package dev.flotilla.devicedb.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableRenamesTest {
  @Test
  void followsRenamesAcrossScriptsWhateverTheQuotingAndCase() {
    TableRenames renames =
        TableRenames.in(
            List.of(
                "ALTER TABLE main.\"Trips\" RENAME TO journeys;",
                "alter table [journeys] rename to `Voyages`; ALTER TABLE x RENAME COLUMN a TO b;"));

    assertThat(renames.finalName("trips")).contains("voyages");
    assertThat(renames.finalName("journeys")).contains("voyages");
    assertThat(renames.finalName("x")).isEmpty();
  }

  @Test
  void aRenameInsideATriggerBodyIsNotOne() {
    TableRenames renames =
        TableRenames.in(
            List.of(
                "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 'ALTER TABLE a RENAME TO b'; END;"));

    assertThat(renames.finalName("a")).isEmpty();
  }
}
