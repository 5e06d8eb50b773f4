package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerIdentityTest {
  private static final FileOwnership OWNER_ONLY =
      new FileOwnership(1000, 1000, PosixFilePermissions.fromString("rw-------"));
  private static final FileOwnership GROUP_WRITABLE =
      new FileOwnership(1000, 1000, PosixFilePermissions.fromString("rw-rw----"));

  @Test
  void theEffectiveIdsAndEveryGroupAreReadFromTheStatusFile() {
    WorkerIdentity identity =
        WorkerIdentity.fromStatus(
            List.of(
                "Name:\tjava",
                "Uid:\t0\t1001\t1001\t1001",
                "Gid:\t0\t1002\t1002\t1002",
                "Groups:\t4 27 "));

    assertThat(identity).isEqualTo(new WorkerIdentity(1001, Set.of(1002, 4, 27)));
    assertThat(
            WorkerIdentity.fromStatus(List.of("Uid:\t0\t0\t0\t0", "Gid:\t0\t0\t0\t0", "Groups:")))
        .isEqualTo(new WorkerIdentity(0, Set.of(0)));
  }

  @Test
  void rootAndTheOwnerKeepOwnership() {
    assertThat(new WorkerIdentity(0, Set.of(0)).whyCannotKeep(OWNER_ONLY)).isEmpty();
    assertThat(new WorkerIdentity(1000, Set.of(1000)).whyCannotKeep(OWNER_ONLY)).isEmpty();
  }

  @Test
  void aMemberOfTheGroupKeepsItOnlyWhereTheGroupMayWrite() {
    WorkerIdentity member = new WorkerIdentity(2000, Set.of(2000, 1000));

    assertThat(member.whyCannotKeep(GROUP_WRITABLE)).isEmpty();
    assertThat(member.whyCannotKeep(OWNER_ONLY)).isPresent();
  }

  @Test
  void anotherUserIsToldHowToRunTheWorkers() {
    assertThat(new WorkerIdentity(2000, Set.of(2000)).whyCannotKeep(GROUP_WRITABLE))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("uid 2000")
                    .contains("uid 1000, gid 1000, rw-rw----")
                    .contains("run the workers as root"));
  }
}
