package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two fleet folders a crash run starts from: the device database checkpointed, and a copy whose
 * last committed transactions live only in its {@code -wal}, each with its logical content, so that
 * "the old database" includes what only the WAL holds.
 */
record StartingStates(
    Path checkpointed, Path withWal, LogicalDump checkpointedContent, LogicalDump withWalContent) {

  /**
   * @param checkpointed a fleet folder holding {@code device}'s database, WAL folded in
   * @param walOnlyStatements what the copy commits to its WAL alone
   */
  static StartingStates of(
      Path templates, Path checkpointed, DeviceId device, String... walOnlyStatements)
      throws IOException {
    Path withWal = templates.resolve("with-wal");
    TestFiles.copyFiles(checkpointed, withWal);
    Path walDatabase = new FleetLayout(withWal).database(device);
    DeviceFiles.commitIntoWalOnly(walDatabase, walOnlyStatements);
    StartingStates states =
        new StartingStates(
            checkpointed,
            withWal,
            LogicalDump.ofCopy(
                new FleetLayout(checkpointed).database(device), templates.resolve("dump")),
            LogicalDump.ofCopy(walDatabase, templates.resolve("dump")));
    assertThat(states.withWalContent()).isNotEqualTo(states.checkpointedContent());
    return states;
  }

  /** Every other run starts with committed transactions only in the WAL. */
  Path folderFor(boolean withWalContent) {
    return withWalContent ? withWal : checkpointed;
  }

  LogicalDump contentOf(boolean withWalContent) {
    return withWalContent ? withWalContent() : checkpointedContent();
  }
}
