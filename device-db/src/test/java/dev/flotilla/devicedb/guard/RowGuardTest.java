package dev.flotilla.devicedb.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowGuardTest {
  private static final Map<String, Long> BEFORE =
      Map.of("conversations", 40L, "messages", 1200L, "drafts", 0L);

  @Test
  void tablesThatKeepOrGainRowsLoseNothing() {
    Map<String, Long> after = Map.of("conversations", 40L, "messages", 1300L, "drafts", 0L);

    assertThat(RowGuard.losses(BEFORE, after, RowLossAllowance.NONE, TableRenames.NONE)).isEmpty();
  }

  @Test
  void aCascadeIntoAChildIsALoss() {
    Map<String, Long> after = Map.of("conversations", 40L, "messages", 0L, "drafts", 0L);

    assertThat(RowGuard.losses(BEFORE, after, RowLossAllowance.NONE, TableRenames.NONE))
        .containsExactly(new TableLoss("messages", 1200, 0, "messages"));
  }

  @Test
  void aDroppedTableLostAllItsRowsButAnEmptyOneLostNothing() {
    Map<String, Long> after = Map.of("messages", 1200L);

    List<TableLoss> losses =
        RowGuard.losses(BEFORE, after, RowLossAllowance.NONE, TableRenames.NONE);

    assertThat(losses).containsExactly(new TableLoss("conversations", 40, 0, null));
    assertThat(losses.get(0).describe()).isEqualTo("conversations: dropped with 40 rows");
  }

  @Test
  void aDeclaredTableMayLoseRowsAndAPurgeAllowsEveryTable() {
    Map<String, Long> after = Map.of("conversations", 10L, "messages", 0L, "drafts", 0L);

    assertThat(
            RowGuard.losses(
                BEFORE, after, new RowLossAllowance(false, Set.of("Messages")), TableRenames.NONE))
        .extracting(TableLoss::table)
        .containsExactly("conversations");
    assertThat(RowGuard.losses(BEFORE, after, RowLossAllowance.EVERYTHING, TableRenames.NONE))
        .isEmpty();
  }

  @Test
  void aRenamedTableIsJudgedUnderItsNewName() {
    Map<String, Long> after = Map.of("conversations", 40L, "chat_messages", 1100L, "drafts", 0L);
    TableRenames renames = TableRenames.in(List.of("ALTER TABLE messages RENAME TO chat_messages"));

    List<TableLoss> losses = RowGuard.losses(BEFORE, after, RowLossAllowance.NONE, renames);

    assertThat(losses).containsExactly(new TableLoss("messages", 1200, 1100, "chat_messages"));
    assertThat(losses.get(0).describe())
        .isEqualTo("messages (now chat_messages): 1200 rows → 1100");
  }

  @Test
  void aRenameOntoANameThatExistedBeforeDoesNotHideALoss() {
    Map<String, Long> after = Map.of("conversations", 40L, "drafts", 5L);
    TableRenames renames = TableRenames.in(List.of("ALTER TABLE messages RENAME TO drafts"));

    assertThat(RowGuard.losses(BEFORE, after, RowLossAllowance.NONE, renames))
        .extracting(TableLoss::table)
        .containsExactly("messages");
  }

  @Test
  void namesCompareWithoutRegardToCase() {
    Map<String, Long> after = Map.of("CONVERSATIONS", 40L, "Messages", 1200L, "drafts", 0L);

    assertThat(RowGuard.losses(BEFORE, after, RowLossAllowance.NONE, TableRenames.NONE)).isEmpty();
  }
}
