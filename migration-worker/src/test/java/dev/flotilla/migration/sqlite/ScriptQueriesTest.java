package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptQueriesTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final MigrationSetId SET = MigrationSetId.of("shop");
  private static final Deadline NONE = Deadline.none(Clock.systemUTC());

  @TempDir Path fleet;

  private DeviceDatabase database;

  @BeforeEach
  void createTheDatabase() {
    Path file = DeviceFiles.createEmpty(fleet, DEVICE);
    DeviceFiles.execute(
        file,
        "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)",
        "INSERT INTO note VALUES (1, '" + "x".repeat(60) + "'), (2, 'b'), (3, NULL), (4, 'd')");
    database = DeviceDatabase.in(fleet, DEVICE);
  }

  @Test
  void countsEveryRowOfEveryQueryAndRendersTheFirstFewShortly() throws Exception {
    QueryOutcome outcome =
        run("SELECT id, text FROM note ORDER BY id; SELECT id FROM note WHERE id = 4;", NONE, true);

    assertThat(outcome)
        .isEqualTo(
            new QueryOutcome.Returned(
                5,
                List.of(
                    "(id=1, text=" + "x".repeat(37) + "...)",
                    "(id=2, text=b)",
                    "(id=3, text=NULL)")));
  }

  @Test
  void showsFiveColumnsOfAWideRow() throws Exception {
    assertThat(run("SELECT 1 AS a, 2 AS b, 3 AS c, 4 AS d, 5 AS e, 6 AS f;", NONE, true))
        .isEqualTo(new QueryOutcome.Returned(1, List.of("(a=1, b=2, c=3, d=4, e=5, ...)")));
  }

  @Test
  void aVerificationStopsAtItsFirstRow() throws Exception {
    assertThat(run("SELECT id FROM note ORDER BY id; SELECT missing FROM nowhere;", NONE, false))
        .isEqualTo(new QueryOutcome.Returned(1, List.of("(id=1)")));
  }

  @Test
  void aQueryThatCannotRunIsTheScriptsFault() throws Exception {
    assertThat(run("SELECT missing FROM nowhere;", NONE, true))
        .isInstanceOfSatisfying(
            QueryOutcome.Failed.class,
            failed -> {
              assertThat(failed.cause()).isEqualTo(QueryOutcome.Cause.SCRIPT);
              assertThat(failed.message()).contains("no such table: nowhere");
            });
  }

  @Test
  void noQueryStartsOnceTheDeadlineHasPassed() throws Exception {
    Instant past = Instant.now().minusSeconds(1);

    assertThat(run("SELECT id FROM note;", new Deadline(past, Clock.systemUTC()), true))
        .isEqualTo(new QueryOutcome.StoppedAtDeadline(past));
  }

  private QueryOutcome run(String sql, Deadline deadline, boolean allRows) throws Exception {
    try (Handle handle = database.openForReading(deadline)) {
      MigrationScript script = TestSets.script(SET, 1, ScriptKind.PROBE, sql);
      return allRows
          ? ScriptQueries.allRows(handle, script, deadline)
          : ScriptQueries.untilFirstRow(handle, script, deadline);
    }
  }
}
