package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.testsupport.ApplicationUser;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet laid out as applications keep theirs, {@code tenants/<device>/app.sqlite3}, one of them a
 * link into a store folder, every file and folder owned by the application's user (uid and gid
 * 4242, no entry in {@code /etc/passwd}) and private to it, while the services run as root. After a
 * rollout in which one device is restored from its backup and the others migrate, the application,
 * as its own user, must still open and write every database: no file the workers wrote or replaced
 * may end owned by root or with another mode, and the link must stay a link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignOwnedFleetIT {
  private static final MigrationSetId SET = MigrationSetId.of("chat-email");
  private static final FleetLayout LAYOUT = FleetLayout.parse("tenants/{device}/app.sqlite3");
  private static final Duration LONG = Duration.ofMinutes(3);

  /** V2 derives every user's address from the handle. */
  private static final String ADD_EMAIL =
      """
      ALTER TABLE users ADD COLUMN email TEXT;
      UPDATE users SET email = handle || '@chat.example';
      """;

  /** The mail service takes addresses of at most 32 characters: C2 lists the longer ones. */
  private static final String CHECK_EMAIL_LENGTH =
      "SELECT id, email FROM users WHERE length(email) > 32;\n";

  /** A user only one tenant has, whose derived address is too long: C2 fails there alone. */
  private static final String LONG_HANDLE_USER =
      "INSERT INTO users (handle, display_name, created_at)"
          + " VALUES ('former-support-team-shared-inbox', 'Support', '2025-06-01T00:00:00Z')";

  /** Every application column of V1, so rows compare alike before and after V2's column. */
  private static final Map<String, String> APP_ROWS =
      Map.of(
          "users",
          "SELECT id, handle, display_name, created_at FROM users ORDER BY id",
          "conversations",
          "SELECT id, title, created_by, created_at, last_message_at FROM conversations"
              + " ORDER BY id",
          "messages",
          "SELECT id, conversation_id, sender_id, body, sent_at FROM messages ORDER BY id",
          "attachments",
          "SELECT id, message_id, file_name, mime_type, size_bytes FROM attachments"
              + " ORDER BY id");

  /** What the application does once the rollout is over: write a message and check its file. */
  private static final String APPLICATION_WRITE =
      "PRAGMA foreign_keys = ON;"
          + " INSERT INTO messages (conversation_id, sender_id, body, sent_at)"
          + " VALUES (1, 1, 'still here', '2026-05-01T00:00:00Z');"
          + " PRAGMA integrity_check;";

  @TempDir static Path work;
  private RunningSuite suite;
  private List<DeviceId> migrating;
  private DeviceId restored;

  @BeforeAll
  void startTheSuite() throws Exception {
    assertThat(ApplicationUser.whyNotHere())
        .as("this test runs the services as root over a fleet another user owns")
        .isEmpty();
    suite = RunningSuite.in(work, LAYOUT);
    MigrationScript v1 =
        ChatFleet.v1Of(
            suite.push(
                SET,
                ChatFleet.writeSet(
                    work.resolve("sets").resolve("chat-email"),
                    Map.of(
                        "V2__user_email.sql", ADD_EMAIL,
                        "C2__email_fits.sql", CHECK_EMAIL_LENGTH))));

    migrating = List.of(DeviceId.of("tenant-a"), DeviceId.of("tenant-b"), DeviceId.of("tenant-c"));
    restored = DeviceId.of("tenant-d");
    Path staging = work.resolve("staging");
    ChatFleet.generate(
        staging, Stream.concat(migrating.stream(), Stream.of(restored)).toList(), v1, 20261230);
    DeviceFiles.execute(ChatFleet.db(staging, restored), LONG_HANDLE_USER);
    for (DeviceId device : migrating) {
      Path db = suite.db(device);
      Files.createDirectories(db.getParent());
      Files.move(ChatFleet.db(staging, device), db);
    }
    // The restored tenant's database lies in the store; its tenant folder holds a link to it.
    Path stored = suite.fleet().resolve("store").resolve(restored.value() + ".db3");
    Files.createDirectories(stored.getParent());
    Files.move(ChatFleet.db(staging, restored), stored);
    Files.createDirectories(suite.db(restored).getParent());
    Files.createSymbolicLink(suite.db(restored), linkTarget());
    ApplicationUser.owns(suite.fleet());
    // The application's user reaches its fleet folder through the test's own.
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));

    suite.startServices();
    suite.awaitInventoryOf(
        Stream.concat(migrating.stream(), Stream.of(restored)).toList(), Duration.ofMinutes(2));
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void theApplicationKeepsItsFilesThroughAMigrationAndARestore() throws Exception {
    Map<Path, Set<PosixFilePermission>> modesBefore = modesUnder(suite.fleet());
    Map<DeviceId, Map<String, List<List<String>>>> rowsBefore = new TreeMap<>();
    for (DeviceId device : all()) {
      assertThat(DeviceFiles.version(ChatFleet.readOnly(suite.db(device)))).isEqualTo(1);
      rowsBefore.put(device, appRows(device));
    }

    RolloutId rollout =
        suite.start(
            "it-owned",
            SET,
            2,
            all(),
            RolloutPolicy.DEFAULT.withMaxInFlight(all().size()).withStepTimeoutSeconds(120));
    suite.awaitFinished(rollout, LONG);

    SoftAssertions softly = new SoftAssertions();
    // Ownership first, before this test opens any database again.
    assertOwnedByTheApplication(softly, modesBefore);
    Path link = suite.db(restored);
    softly.assertThat(Files.isSymbolicLink(link)).as("%s is still a link", link).isTrue();
    if (Files.isSymbolicLink(link)) {
      softly
          .assertThat(Files.readSymbolicLink(link))
          .as("where %s leads", link)
          .isEqualTo(linkTarget());
    }

    for (DeviceId device : migrating) {
      DeviceFinished end = suite.finishOf(rollout, device);
      softly
          .assertThat(end.outcome())
          .as("%s: %s", device, end.reasons())
          .isEqualTo(DeviceOutcome.DONE);
      softly
          .assertThat(DeviceFiles.version(ChatFleet.readOnly(suite.db(device))))
          .as("%s", device)
          .isEqualTo(2);
      softly
          .assertThat(ChatFleet.columns(suite.db(device), "users"))
          .as("%s", device)
          .endsWith("email");
      softly.assertThat(appRows(device)).as("rows of %s", device).isEqualTo(rowsBefore.get(device));
    }
    DeviceFinished end = suite.finishOf(rollout, restored);
    softly
        .assertThat(suite.stepsFor(rollout, restored))
        .as("steps of %s", restored)
        .contains(Step.VERIFY, Step.RESTORE);
    softly
        .assertThat(end.outcome())
        .as("%s: %s", restored, end.reasons())
        .isEqualTo(DeviceOutcome.ROLLED_BACK);
    softly
        .assertThat(String.join(" ", end.reasons()))
        .as("reasons of %s", restored)
        .contains("former-support-team-shared-inbox");
    softly
        .assertThat(DeviceFiles.version(ChatFleet.readOnly(link)))
        .as("%s", restored)
        .isEqualTo(1);
    softly.assertThat(ChatFleet.columns(link, "users")).as("%s", restored).doesNotContain("email");
    softly
        .assertThat(appRows(restored))
        .as("rows of %s", restored)
        .isEqualTo(rowsBefore.get(restored));

    for (DeviceId device : all()) {
      ApplicationUser.Run run = ApplicationUser.sqlite(suite.db(device), APPLICATION_WRITE);
      softly
          .assertThat(run.exitCode())
          .as("%s: the application's write: %s", device, run.output())
          .isZero();
      softly
          .assertThat(run.output().strip())
          .as("%s: the application's integrity_check", device)
          .isEqualTo("ok");
    }
    softly.assertAll();
  }

  private void assertOwnedByTheApplication(
      SoftAssertions softly, Map<Path, Set<PosixFilePermission>> modesBefore) throws IOException {
    Map<Path, Set<PosixFilePermission>> modesAfter = modesUnder(suite.fleet());
    softly
        .assertThat(modesAfter.keySet())
        .as("what the fleet folder holds after the rollout")
        .containsAll(modesBefore.keySet());
    for (Map.Entry<Path, Set<PosixFilePermission>> entry : modesAfter.entrySet()) {
      Path path = entry.getKey();
      softly
          .assertThat(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS))
          .as("uid of %s", path)
          .isEqualTo(ApplicationUser.ID);
      softly
          .assertThat(Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS))
          .as("gid of %s", path)
          .isEqualTo(ApplicationUser.ID);
      if (Files.isSymbolicLink(path)) {
        continue;
      }
      // A file that was not there before (a companion, a database kept aside) is the database's.
      Set<PosixFilePermission> expected =
          modesBefore.getOrDefault(
              path,
              (Files.isDirectory(path) ? ApplicationUser.FOLDER : ApplicationUser.FILE).mode());
      softly
          .assertThat(PosixFilePermissions.toString(entry.getValue()))
          .as("mode of %s", path)
          .isEqualTo(PosixFilePermissions.toString(expected));
    }
  }

  /** Every file, folder and link under {@code root}, itself included, with its mode. */
  private static Map<Path, Set<PosixFilePermission>> modesUnder(Path root) throws IOException {
    Map<Path, Set<PosixFilePermission>> modes = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted().toList()) {
        modes.put(path, Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return modes;
  }

  private Map<String, List<List<String>>> appRows(DeviceId device) {
    Map<String, List<List<String>>> rows = new TreeMap<>();
    Path db = ChatFleet.readOnly(suite.db(device));
    APP_ROWS.forEach((table, query) -> rows.put(table, DeviceFiles.rows(db, query)));
    assertThat(rows.values()).as("rows of %s", device).allSatisfy(r -> assertThat(r).isNotEmpty());
    return rows;
  }

  private Path linkTarget() {
    return Path.of("..", "..", "store", restored.value() + ".db3");
  }

  private List<DeviceId> all() {
    return Stream.concat(migrating.stream(), Stream.of(restored)).toList();
  }
}
