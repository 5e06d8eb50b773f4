package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.testing.TestSets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionLintTest {
  private static final MigrationSetId SET = MigrationSetId.of("shop");

  @Test
  void switchingForeignKeysIsToldWithTheExactWordsAndLine() {
    List<ScriptWarning> warnings =
        lint("PRAGMA foreign_keys=OFF;\nCREATE TABLE t2 (x);\nPRAGMA foreign_keys = ON;\n");

    assertThat(warnings)
        .extracting(ScriptWarning::describe)
        .containsExactly(
            "V2__rebuild.sql:1: PRAGMA foreign_keys=OFF does nothing inside the transaction"
                + " Flotilla runs each version in; Flotilla switches foreign keys off around every"
                + " migration itself and checks them before commit",
            "V2__rebuild.sql:3: PRAGMA foreign_keys = ON does nothing inside the transaction"
                + " Flotilla runs each version in; Flotilla switches foreign keys off around every"
                + " migration itself and checks them before commit");
  }

  @Test
  void eachStatementKindThatFailsOrDoesNothingInTheTransactionIsTold() {
    List<ScriptWarning> warnings =
        lint(
            """
            BEGIN TRANSACTION;
            PRAGMA main.journal_mode = WAL;
            PRAGMA page_size=8192;
            pragma auto_vacuum(FULL);
            VACUUM;
            ATTACH DATABASE 'other.db' AS other;
            DETACH other;
            COMMIT;
            END TRANSACTION;
            ROLLBACK;
            """);

    assertThat(warnings)
        .extracting(ScriptWarning::line)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(warnings.get(0).message())
        .startsWith("BEGIN TRANSACTION fails inside the transaction")
        .endsWith(
            "Flotilla begins and commits that transaction itself, so leave transaction"
                + " statements out");
    assertThat(warnings.get(1).message())
        .startsWith("PRAGMA main.journal_mode = WAL cannot change");
    assertThat(warnings.get(2).message())
        .startsWith("PRAGMA page_size=8192 takes effect only with a VACUUM, and VACUUM fails");
    assertThat(warnings.get(3).message()).startsWith("pragma auto_vacuum(FULL) takes effect only");
    assertThat(warnings.get(4).message())
        .isEqualTo(
            "VACUUM fails inside the transaction Flotilla runs each version in; put it in a script"
                + " of its own whose first line is -- flotilla:no-transaction");
    assertThat(warnings.get(5).message())
        .isEqualTo(
            "ATTACH DATABASE 'other.db' AS other fails inside the transaction Flotilla runs each"
                + " version in");
    assertThat(warnings.get(6).message()).startsWith("DETACH other fails");
    assertThat(warnings.subList(7, 10))
        .extracting(ScriptWarning::message)
        .allSatisfy(message -> assertThat(message).contains(" would end the transaction"));
  }

  @Test
  void harmlessPragmasSavepointsAndReadsAreNotTold() {
    assertThat(
            lint(
                """
                PRAGMA legacy_alter_table = ON;
                PRAGMA foreign_keys;
                PRAGMA journal_mode;
                PRAGMA defer_foreign_keys = ON;
                SAVEPOINT rebuild;
                ROLLBACK TO SAVEPOINT rebuild;
                ROLLBACK TRANSACTION TO rebuild;
                RELEASE rebuild;
                SELECT 'COMMIT; VACUUM;' AS "BEGIN";
                """))
        .isEmpty();
  }

  @Test
  void aTriggerBodyWithItsEndAndCaseEndIsNotTakenForACommit() {
    List<ScriptWarning> warnings =
        lint(
            """
            CREATE TEMP TRIGGER stamp AFTER INSERT ON orders
            BEGIN
              UPDATE orders SET size = CASE WHEN new.qty > 10 THEN 'big' ELSE 'small' END
                WHERE id = new.id;
              INSERT INTO log VALUES (new.id);
            END;
            -- a comment, then a real one:
            COMMIT;
            """);

    assertThat(warnings).extracting(ScriptWarning::line).containsExactly(8);
    assertThat(warnings.get(0).message()).startsWith("COMMIT would end the transaction");
  }

  @Test
  void theEndOfAnOrdinaryNamedTriggerIsNotTakenForACommit() {
    List<ScriptWarning> warnings =
        lint(
            """
            CREATE TRIGGER stamp AFTER INSERT ON orders
            BEGIN
              INSERT INTO log VALUES (new.id);
            END;
            CREATE TRIGGER IF NOT EXISTS main.other BEFORE DELETE ON orders BEGIN SELECT 1; END;
            """);

    assertThat(warnings).isEmpty();
  }

  @Test
  void aNoTransactionScriptIsToldOnlyWhatStillMatters() {
    MigrationScript script =
        script(
            ScriptKind.MIGRATE,
            """
            -- flotilla:no-transaction
            PRAGMA foreign_keys=OFF;
            PRAGMA page_size=8192;
            PRAGMA journal_mode=DELETE;
            BEGIN;
            COMMIT;
            ATTACH 'x.db' AS x;
            VACUUM;
            """,
            false);

    List<ScriptWarning> warnings = TransactionLint.check("V3__compact.sql", script);

    assertThat(warnings).extracting(ScriptWarning::line).containsExactly(2);
    assertThat(warnings.get(0).message())
        .startsWith("PRAGMA foreign_keys=OFF is not needed")
        .contains("scripts marked no-transaction too");
  }

  @Test
  void aPageSizeInANoTransactionScriptWithoutVacuumIsTold() {
    MigrationScript script =
        script(ScriptKind.MIGRATE, "-- flotilla:no-transaction\n\nPRAGMA page_size=4096;", false);

    assertThat(TransactionLint.check("V3__pages.sql", script))
        .containsExactly(
            new ScriptWarning(
                "V3__pages.sql",
                3,
                "PRAGMA page_size=4096 takes effect only with a VACUUM, and this script has none"));
  }

  @Test
  void undoScriptsAreLookedAtAndVerificationAndProbeScriptsAreNot() {
    String sql = "PRAGMA foreign_keys=OFF;\nSELECT 1 WHERE 0;";

    assertThat(TransactionLint.check("U2__x.sql", script(ScriptKind.UNDO, sql, true))).hasSize(1);
    assertThat(TransactionLint.check("C2__x.sql", script(ScriptKind.VERIFY, sql, true))).isEmpty();
    assertThat(TransactionLint.check("P2__x.sql", script(ScriptKind.PROBE, sql, true))).isEmpty();
  }

  @Test
  void aLongStatementIsShownCut() {
    String longAttach = "ATTACH DATABASE '/srv/some/very/long/path/to/an/archive/database.db' AS a";

    ScriptWarning warning = lint(longAttach + ";").get(0);

    assertThat(warning.message()).startsWith(longAttach.substring(0, 57) + "... fails");
  }

  private static List<ScriptWarning> lint(String sql) {
    return TransactionLint.check("V2__rebuild.sql", script(ScriptKind.MIGRATE, sql, true));
  }

  private static MigrationScript script(ScriptKind kind, String sql, boolean transactional) {
    return TestSets.script(SET, 2, kind, sql, transactional, List.of());
  }
}
