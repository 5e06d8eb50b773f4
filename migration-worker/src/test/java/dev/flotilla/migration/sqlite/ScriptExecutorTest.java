package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptExecutorTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final MigrationSetId SET = MigrationSetId.of("s");

  @TempDir Path fleet;

  @Test
  void aScriptIsNotStartedOnceTheDeadlineHasPassed() throws Exception {
    DeviceFiles.createEmpty(fleet, RV);
    Deadline passed = new Deadline(Instant.now().minusSeconds(1), Clock.systemUTC());

    ScriptFailedException failure;
    try (Handle handle = DeviceDatabase.in(fleet, RV).openForWriting()) {
      // Too short for SQLite to ever ask the progress handler: only the check before it stops it.
      failure =
          catchThrowableOfType(
              ScriptFailedException.class,
              () ->
                  ScriptExecutor.execute(
                      handle.getConnection(),
                      TestSets.script(SET, 1, ScriptKind.MIGRATE, "CREATE TABLE t (x);"),
                      passed));
    }

    assertThat(failure).as("the script ran after its deadline").isNotNull();
    assertThat(failure.stoppedAtDeadline()).isTrue();
    assertThat(failure.getMessage()).contains("was stopped at the deadline");
    assertThat(DeviceFiles.count(DeviceFiles.path(fleet, RV), "SELECT count(*) FROM sqlite_master"))
        .isZero();
  }

  @Test
  void aRunawayStatementIsInterruptedWhenTheDeadlinePasses() throws Exception {
    DeviceFiles.createEmpty(fleet, RV);
    Deadline soon = new Deadline(Instant.now().plus(Duration.ofMillis(200)), Clock.systemUTC());

    ScriptFailedException failure;
    try (Handle handle = DeviceDatabase.in(fleet, RV).openForWriting()) {
      failure =
          catchThrowableOfType(
              ScriptFailedException.class,
              () ->
                  ScriptExecutor.execute(
                      handle.getConnection(),
                      TestSets.script(
                          SET,
                          1,
                          ScriptKind.MIGRATE,
                          "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c)"
                              + " SELECT count(*) FROM c;"),
                      soon));
      // The handler is gone with the script: later work on the connection runs whatever the time.
      assertThat(
              handle.createQuery("SELECT count(*) FROM sqlite_master").mapTo(Integer.class).one())
          .isZero();
    }

    assertThat(failure).isNotNull();
    assertThat(failure.stoppedAtDeadline()).isTrue();
  }
}
