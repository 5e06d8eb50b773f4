package dev.flotilla.migration.catalogue.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  \n\t\r\n",
        "-- Add migration script here\n",
        "\uFEFF-- a comment\n/* and\n a block */\n",
        "/* never closed",
        "-- no newline at the end"
      })
  void commentsAndWhitespaceAreNoStatements(String sql) {
    assertThat(SqlText.hasStatements(sql)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"VACUUM", "-- first\nSELECT 1;", "/* x */ DROP TABLE t;", ";"})
  void anythingElseIs(String sql) {
    assertThat(SqlText.hasStatements(sql)).isTrue();
  }

  @Test
  void linesDropTheirEndsAndTheByteOrderMark() {
    assertThat(SqlText.lines("\uFEFFa\r\nb\n\nc")).containsExactly("a", "b", "", "c");
    assertThat(SqlText.lines("a\n")).containsExactly("a");
    assertThat(SqlText.join(SqlText.lines("a\r\nb"))).isEqualTo("a\nb\n");
  }
}
