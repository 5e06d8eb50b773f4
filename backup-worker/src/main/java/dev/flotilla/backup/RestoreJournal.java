package dev.flotilla.backup;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.Restored;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers each finished restore by command id, as the reply that was sent, so a redelivered
 * command replays it instead of restoring again. Written only after a restore verified; a restore
 * redone because its entry is missing is harmless.
 *
 * <p>The device's journal folder is made before a restore touches the fleet folder, so it also says
 * that a restore's work files may lie beside the device's database ({@link
 * OrphanSweeper#sweepAfterWork}).
 */
final class RestoreJournal {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreJournal.class);
  private static final MessageCodec CODEC = new MessageCodec();

  private final BackupLayout layout;

  RestoreJournal(BackupLayout layout) {
    this.layout = layout;
  }

  Optional<Restored> find(DeviceId device, CommandId command) throws IOException {
    Path entry = layout.restoreJournal(device, command);
    if (!Files.isRegularFile(entry)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CODEC.decode(Files.readAllBytes(entry), Restored.class));
    } catch (IllegalArgumentException e) {
      LOG.warn("Unreadable restore journal entry {}, restoring again", entry, e);
      return Optional.empty();
    }
  }

  /** Made durable before a restore's first file beside the live database. */
  void begin(DeviceId device) throws IOException {
    DurableFiles.createDirectories(layout.restoreJournalDir(device));
  }

  void record(Restored reply) throws IOException {
    DurableFiles.createDirectories(layout.restoreJournalDir(reply.deviceId()));
    DurableFiles.writeAtomically(
        layout.restoreJournal(reply.deviceId(), reply.commandId()), CODEC.encode(reply));
  }
}
