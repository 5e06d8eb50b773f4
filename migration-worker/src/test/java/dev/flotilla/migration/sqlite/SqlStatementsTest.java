package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {
  @Test
  void splitsAtSemicolonsBetweenStatements() {
    assertThat(SqlStatements.split("SELECT 1; SELECT 2;\nSELECT 3"))
        .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
  }

  @Test
  void keepsSemicolonsInsideStringsIdentifiersAndComments() {
    String script =
        "SELECT 'a;b', \"c;d\", [e;f], `g;h` FROM t; -- one; two\n"
            + "/* three; four */ SELECT 'it''s; fine'";

    assertThat(SqlStatements.split(script))
        .containsExactly(
            "SELECT 'a;b', \"c;d\", [e;f], `g;h` FROM t",
            "-- one; two\n/* three; four */ SELECT 'it''s; fine'");
  }

  @Test
  void dropsPiecesThatAreOnlyCommentsOrBlank() {
    assertThat(SqlStatements.split("-- nothing to see;\n ; ;\n/* at all */")).isEmpty();
  }
}
