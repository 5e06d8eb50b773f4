package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptBatchTest {
  @Test
  void groupsTransactionalScriptsAndIsolatesTheOthers() {
    List<MigrationScript> scripts =
        List.of(
            script(1, true), script(2, true), script(3, false), script(4, true), script(5, false));

    assertThat(ScriptBatch.segments(scripts))
        .extracting(segment -> segment.stream().map(MigrationScript::version).toList())
        .containsExactly(List.of(1, 2), List.of(3), List.of(4), List.of(5));
  }

  @Test
  void noScriptsMakeNoSegments() {
    assertThat(ScriptBatch.segments(List.of())).isEmpty();
  }

  private static MigrationScript script(int version, boolean transactional) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        MigrationSetId.of("s"),
        version,
        ScriptKind.MIGRATE,
        "",
        "SELECT 1;",
        "0".repeat(64),
        transactional);
  }
}
