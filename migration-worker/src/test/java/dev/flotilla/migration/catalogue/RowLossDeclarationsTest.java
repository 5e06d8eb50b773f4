package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowLossDeclarationsTest {
  @Test
  void readsVersionEqualsTablesAndAddsUpEntriesOfOneVersion() {
    RowLossDeclarations declarations =
        RowLossDeclarations.parse(List.of("3=messages,sessions", "7=*", "V3 = Audit \"Old Log\""));

    assertThat(declarations.tablesByVersion())
        .isEqualTo(Map.of(3, List.of("audit", "messages", "old log", "sessions"), 7, List.of("*")));
    assertThat(declarations.tablesOf(3))
        .containsExactly("audit", "messages", "old log", "sessions");
    assertThat(declarations.tablesOf(4)).isEmpty();
    assertThat(declarations.isEmpty()).isFalse();
    assertThat(RowLossDeclarations.parse(List.of()).isEmpty()).isTrue();
  }

  @Test
  void anEntryThatIsNotVersionEqualsTablesIsRefusedByName() {
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("3=messages", "messages")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'messages' is not VERSION=TABLES, e.g. 3=messages,sessions or 7=*");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("0=messages")))
        .hasMessage("'0=messages': the version must be a whole number from 1 up");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("99999999999=messages")))
        .hasMessage("'99999999999=messages': the version must be a whole number from 1 up");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("3=")))
        .hasMessageStartingWith("'3=': names no table");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("3=a;b")))
        .hasMessageStartingWith("'3=a;b': 'a;b' is not a table name");
  }
}
