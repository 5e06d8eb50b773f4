package dev.flotilla.devicedb.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.VerificationPassed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLogTest {
  private static final CommandId COMMAND = CommandId.of("r-2026-11-22-a/rv-0001/rollback/1");

  @TempDir Path dir;

  private final CommandLog log = new CommandLog(new MessageCodec());

  @Test
  void aRecordedReplyIsFoundByItsCommandIdAndNoOtherIs() throws SQLException {
    RolledBack reply = rolledBack();
    try (Connection db = open()) {
      assertThat(log.recordedReply(db, COMMAND, RolledBack.class)).isEmpty();

      log.record(db, reply, Instant.parse("2026-11-22T10:00:01Z"));

      assertThat(log.recordedReply(db, COMMAND, RolledBack.class)).contains(reply);
      assertThat(
              log.recordedReply(
                  db, CommandId.of("r-2026-11-22-a/rv-0001/rollback/2"), RolledBack.class))
          .isEmpty();
    }
  }

  @Test
  void aCommandIdReusedForAnotherStepIsRefused() throws SQLException {
    try (Connection db = open()) {
      log.record(db, rolledBack(), Instant.parse("2026-11-22T10:00:01Z"));

      assertThatThrownBy(() -> log.recordedReply(db, COMMAND, VerificationPassed.class))
          .isInstanceOf(InvalidMessageException.class);
    }
  }

  private static RolledBack rolledBack() {
    return new RolledBack(
        MessageId.of("00000000-0000-4000-8000-000000000001"),
        COMMAND,
        RolloutId.of("r-2026-11-22-a"),
        DeviceId.of("rv-0001"),
        MessageId.of("00000000-0000-4000-8000-000000000002"),
        Instant.parse("2026-11-22T10:00:00Z"),
        VersionId.of(1));
  }

  private Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("device.db"));
  }
}
