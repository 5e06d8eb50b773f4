package dev.flotilla.contracts.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationScriptTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);

  private final MessageCodec codec = new MessageCodec();

  @Test
  void theShortConstructorsKnowNoFileAndReplaceNothing() {
    MigrationScript script = script("", null);

    assertThat(script.file()).isEmpty();
    assertThat(script.replacedSha256()).isNull();
    assertThat(new String(codec.encode(script))).doesNotContain("replacedSha256");
  }

  @Test
  void aForcedReplacementKeepsEverythingButTheIdAndRecordsWhatItReplaced() {
    MigrationScript pushed = script("V1.1__add_books.sql", null);
    MessageId other = MessageId.random();

    MigrationScript forced = pushed.replacing(other, SHA_B);

    assertThat(forced.messageId()).isEqualTo(other);
    assertThat(forced.replacedSha256()).isEqualTo(SHA_B);
    assertThat(forced.file()).isEqualTo("V1.1__add_books.sql");
    assertThat(forced.key()).isEqualTo(pushed.key());
    assertThat(codec.decode(codec.encode(forced), MigrationScript.class)).isEqualTo(forced);
  }

  @Test
  void aReplacedChecksumMustBeOne() {
    assertThatThrownBy(() -> script("V1__x.sql", "ABC"))
        .isInstanceOfSatisfying(
            InvalidMessageException.class, e -> assertThat(e.field()).isEqualTo("replacedSha256"));
  }

  @Test
  void aMissingFileReadsAsNone() {
    MigrationScript decoded =
        codec.decode(
            """
            {"type": "MigrationScript", "schema": 2, "messageId": "%s",
             "occurredAt": "2026-11-22T10:15:30Z", "migrationSet": "shop", "version": 1,
             "kind": "migrate", "sql": "SELECT 1;", "sha256": "%s", "transactional": true}
            """
                .formatted(MessageId.random(), SHA_A),
            MigrationScript.class);

    assertThat(decoded.file()).isEmpty();
    assertThat(decoded.replacedSha256()).isNull();
  }

  private static MigrationScript script(String file, String replaced) {
    return new MigrationScript(
        MessageId.random(),
        Instant.parse("2026-11-22T10:00:00Z"),
        MigrationSetId.of("shop"),
        VersionId.parse("1.1"),
        ScriptKind.MIGRATE,
        "add books",
        "CREATE TABLE books (id INTEGER PRIMARY KEY);\n",
        SHA_A,
        true,
        List.of(),
        file,
        replaced);
  }
}
