package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.catalogue.VersionId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowLossDeclarationsTest {
  @Test
  void readsVersionEqualsTablesAndAddsUpEntriesOfOneVersion() {
    RowLossDeclarations declarations =
        RowLossDeclarations.parse(List.of("3=messages,sessions", "7=*", "V3 = Audit \"Old Log\""));

    assertThat(declarations.tablesByVersion())
        .isEqualTo(
            Map.of(
                VersionId.of(3),
                List.of("audit", "messages", "old log", "sessions"),
                VersionId.of(7),
                List.of("*")));
    assertThat(declarations.tablesOf(VersionId.of(3)))
        .containsExactly("audit", "messages", "old log", "sessions");
    assertThat(declarations.tablesOf(VersionId.of(4))).isEmpty();
    assertThat(declarations.isEmpty()).isFalse();
    assertThat(RowLossDeclarations.parse(List.of()).isEmpty()).isTrue();
  }

  @Test
  void takesDottedVersionsAndTimestampsAndMatchesThemNumerically() {
    RowLossDeclarations declarations =
        RowLossDeclarations.parse(List.of("1.1=books", "V20240605131359=loan", "003=author"));

    assertThat(declarations.tablesOf(VersionId.parse("1.1"))).containsExactly("books");
    assertThat(declarations.tablesOf(VersionId.parse("1.10"))).isEmpty();
    assertThat(declarations.tablesOf(VersionId.parse("20240605131359"))).containsExactly("loan");
    assertThat(declarations.tablesOf(VersionId.parse("00003"))).containsExactly("author");
  }

  @Test
  void anEntryThatIsNotVersionEqualsTablesIsRefusedByName() {
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("3=messages", "messages")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'messages' is not VERSION=TABLES, e.g. 3=messages,sessions or 7=*");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("0=messages")))
        .hasMessage(
            "'0=messages': the version must be one of the folder's, above 0, e.g. 3, 1.1 or"
                + " 20240605131359");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("1..2=messages")))
        .hasMessageStartingWith("'1..2=messages': the version must be one of the folder's");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("=messages")))
        .hasMessageStartingWith("'=messages': the version must be one of the folder's");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("3=")))
        .hasMessageStartingWith("'3=': names no table");
    assertThatThrownBy(() -> RowLossDeclarations.parse(List.of("3=a;b")))
        .hasMessageStartingWith("'3=a;b': 'a;b' is not a table name");
  }
}
