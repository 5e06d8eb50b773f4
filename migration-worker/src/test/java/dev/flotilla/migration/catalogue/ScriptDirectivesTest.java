package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.migration.catalogue.ScriptDirectives.Problem;
import dev.flotilla.migration.catalogue.ScriptDirectives.Reading;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptDirectivesTest {
  @Test
  void severalAllowsRowLossLinesAddUpSortedAndWithoutRepeats() {
    Reading reading =
        ScriptDirectives.read(
            ScriptKind.MIGRATE,
            """
            -- flotilla:allows-row-loss sessions, messages
            DELETE FROM sessions;
            --   flotilla:allows-row-loss   Audit,messages audit_2025
            DELETE FROM audit;
            """);

    assertThat(reading.problems()).isEmpty();
    assertThat(reading.directives().allowedRowLoss())
        .containsExactly("audit", "audit_2025", "messages", "sessions");
    assertThat(reading.directives().noTransaction()).isFalse();
  }

  @Test
  void aStarAllowsAnyTable() {
    Reading reading =
        ScriptDirectives.read(ScriptKind.UNDO, "-- flotilla:allows-row-loss *\nDELETE FROM t;");

    assertThat(reading.problems()).isEmpty();
    assertThat(reading.directives().allowedRowLoss()).containsExactly("*");
  }

  @Test
  void quotedNamesMayHoldSpacesCommasAndQuotes() {
    Reading reading =
        ScriptDirectives.read(
            ScriptKind.MIGRATE,
            "-- flotilla:allows-row-loss \"Audit Log\", `a,b` [Old Data] \"say \"\"hi\"\"\"\n"
                + "SELECT 1;");

    assertThat(reading.problems()).isEmpty();
    assertThat(reading.directives().allowedRowLoss())
        .containsExactly("a,b", "audit log", "old data", "say \"hi\"");
  }

  @Test
  void aMisspeltDirectiveIsAProblemNamingItsLineAndTheKnownOnes() {
    Reading reading =
        ScriptDirectives.read(
            ScriptKind.MIGRATE,
            "CREATE TABLE t (x);\n-- flotilla:allow-row-loss t\nDELETE FROM t;");

    assertThat(reading.problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(2);
              assertThat(problem.message())
                  .contains("unknown directive -- flotilla:allow-row-loss")
                  .contains("-- flotilla:no-transaction (first line only)")
                  .contains("-- flotilla:allows-row-loss <tables>");
            });
    assertThat(reading.directives().allowedRowLoss()).isEmpty();
  }

  @Test
  void allowsRowLossOnAVerificationOrProbeScriptIsAProblem() {
    Reading verify =
        ScriptDirectives.read(
            ScriptKind.VERIFY, "SELECT 1 WHERE 0;\n-- flotilla:allows-row-loss messages\n");
    Reading probe =
        ScriptDirectives.read(ScriptKind.PROBE, "-- flotilla:allows-row-loss messages\nSELECT 1;");

    assertThat(verify.problems())
        .containsExactly(
            new Problem(
                2,
                "-- flotilla:allows-row-loss belongs in V and U scripts, which change data; a C"
                    + " script only reads"));
    assertThat(probe.problems()).singleElement().extracting(Problem::line).isEqualTo(1);
    assertThat(verify.directives().allowedRowLoss()).isEmpty();
  }

  @Test
  void noTransactionCountsOnTheFirstLineOnlyAndAnywhereElseIsAProblem() {
    Reading first =
        ScriptDirectives.read(ScriptKind.MIGRATE, "\uFEFF-- flotilla:no-transaction\r\nVACUUM;");
    Reading later =
        ScriptDirectives.read(ScriptKind.MIGRATE, "SELECT 1;\n-- flotilla:no-transaction\n");

    assertThat(first.problems()).isEmpty();
    assertThat(first.directives().noTransaction()).isTrue();
    assertThat(later.directives().noTransaction()).isFalse();
    assertThat(later.problems())
        .containsExactly(
            new Problem(
                2,
                "-- flotilla:no-transaction only counts on the first line of a script;"
                    + " move it there"));
  }

  @Test
  void noTransactionAndAllowsRowLossGoTogether() {
    Reading reading =
        ScriptDirectives.read(
            ScriptKind.MIGRATE,
            "-- flotilla:no-transaction\n-- flotilla:allows-row-loss cache\nDELETE FROM cache;");

    assertThat(reading.problems()).isEmpty();
    assertThat(reading.directives()).isEqualTo(new ScriptDirectives(true, List.of("cache")));
  }

  @Test
  void anAllowsRowLossLineWithoutTablesOrWithABadNameIsAProblem() {
    Reading reading =
        ScriptDirectives.read(
            ScriptKind.MIGRATE,
            "-- flotilla:allows-row-loss\n"
                + "-- flotilla:allows-row-loss messages;\n"
                + "-- flotilla:allows-row-loss \"unclosed\n"
                + "SELECT 1;");

    assertThat(reading.problems())
        .extracting(Problem::line, Problem::message)
        .containsExactly(
            tuple(
                1,
                "-- flotilla:allows-row-loss: names no table; write the tables, e.g. messages,"
                    + " sessions (or *)"),
            tuple(
                2,
                "-- flotilla:allows-row-loss: 'messages;' is not a table name; separate names with"
                    + " commas or spaces and quote names with other characters, e.g."
                    + " \"audit-log\""),
            tuple(3, "-- flotilla:allows-row-loss: \"unclosed has no closing \""));
  }

  @Test
  void ordinaryCommentsAndMentionsInsideLinesAreNotDirectives() {
    Reading reading =
        ScriptDirectives.read(
            ScriptKind.MIGRATE,
            "-- flotilla migrates this\nSELECT '-- flotilla:nonsense';\n-- see flotilla:docs\n");

    assertThat(reading.problems()).isEmpty();
    assertThat(reading.directives()).isEqualTo(new ScriptDirectives(false, List.of()));
  }
}
