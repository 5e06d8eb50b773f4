package dev.flotilla.devicedb.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScannerTest {
  @Test
  void splitsAtSemicolonsAndTellsTheLineEachStatementStartsOn() {
    List<SqlStatement> statements =
        SqlScanner.statements(
            """
            -- a comment; not a statement
            CREATE TABLE a (id INTEGER);

            INSERT INTO a
              VALUES (1); /* one; two */ PRAGMA foreign_keys=OFF;
            """);

    assertThat(statements)
        .containsExactly(
            new SqlStatement(2, "CREATE TABLE a (id INTEGER)"),
            new SqlStatement(4, "INSERT INTO a VALUES (1)"),
            new SqlStatement(5, "PRAGMA foreign_keys=OFF"));
  }

  @Test
  void semicolonsInStringsAndQuotedNamesDoNotEndAStatement() {
    List<SqlStatement> statements =
        SqlScanner.statements(
            "INSERT INTO \"odd;name\" VALUES ('a;b', 'it''s; fine', [x;y], `p;q`); SELECT 1");

    assertThat(statements)
        .extracting(SqlStatement::code)
        .containsExactly(
            "INSERT INTO \"odd;name\" VALUES ('a;b', 'it''s; fine', [x;y], `p;q`)", "SELECT 1");
  }

  @Test
  void piecesThatAreOnlyCommentsOrBlankAreNoStatements() {
    assertThat(SqlScanner.statements("-- nothing to see;\n ; ;\n/* at all */")).isEmpty();
  }

  @Test
  void aTriggerBodyIsOneStatementEvenWithCaseEndInside() {
    List<SqlStatement> statements =
        SqlScanner.statements(
            """
            CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN
              UPDATE b SET flag = CASE WHEN NEW.id > 0 THEN 1 ELSE 0 END;
              DELETE FROM c WHERE id = NEW.id;
            END;
            COMMIT;
            """);

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0).code()).startsWith("CREATE TEMP TRIGGER t").endsWith("END");
    assertThat(statements.get(1)).isEqualTo(new SqlStatement(5, "COMMIT"));
  }

  @Test
  void aPlainTriggerIsOneStatementToo() {
    List<SqlStatement> statements =
        SqlScanner.statements(
            "CREATE TRIGGER IF NOT EXISTS t AFTER INSERT ON a BEGIN DELETE FROM b; END; END;");

    assertThat(statements)
        .extracting(SqlStatement::code)
        .containsExactly(
            "CREATE TRIGGER IF NOT EXISTS t AFTER INSERT ON a BEGIN DELETE FROM b; END", "END");
  }

  @Test
  void startsWithComparesWholeWordsIgnoringCase() {
    SqlStatement vacuum = new SqlStatement(1, "vacuum INTO 'x.db'");

    assertThat(vacuum.startsWith("VACUUM")).isTrue();
    assertThat(new SqlStatement(1, "VACUUMED").startsWith("VACUUM")).isFalse();
  }
}
