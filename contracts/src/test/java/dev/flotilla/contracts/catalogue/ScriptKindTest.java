package dev.flotilla.contracts.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptKindTest {
  private final MessageCodec codec = new MessageCodec();

  @ParameterizedTest
  @CsvSource({"MIGRATE, V, migrate", "UNDO, U, undo", "VERIFY, C, verify", "PROBE, P, probe"})
  void eachKindHasItsFileLetterAndTravelsUnderItsName(ScriptKind kind, String prefix, String json) {
    MigrationScript script =
        new MigrationScript(
            MessageId.random(),
            Instant.parse("2026-11-22T10:00:00Z"),
            MigrationSetId.of("parts"),
            VersionId.of(2),
            kind,
            "serials unique",
            "SELECT serial FROM parts GROUP BY serial HAVING count(*) > 1;\n",
            "0".repeat(64),
            true);

    String encoded = new String(codec.encode(script), StandardCharsets.UTF_8);

    assertThat(kind.prefix()).isEqualTo(prefix);
    assertThat(encoded).contains("\"kind\":\"" + json + "\"");
    assertThat(codec.decode(codec.encode(script), MigrationScript.class)).isEqualTo(script);
  }
}
