package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.contracts.view.FleetInventory;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.ViewCodec;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.ops.access.TestAccess;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands end to end, through the coordinator's HTTP API: {@code devices}, {@code
 * dry-run}, {@code approve}, {@code pause}, {@code resume}, {@code abort} and {@code watch} with
 * its exit codes, against the services as separate processes, a real broker and real SQLite files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCliIT {
  private static final MigrationSetId COACHIQ = MigrationSetId.of("coachiq");
  private static final Duration LONG = Duration.ofMinutes(2);

  @TempDir static Path work;

  /** Device names no other test uses: a device id is its file name. */
  private final String prefix = "opscli-" + UUID.randomUUID().toString().substring(0, 6);

  private final ViewCodec views = new ViewCodec();
  private RunningSuite suite;
  private List<DeviceId> devices;
  private String api;

  @BeforeAll
  void startTheSuite() throws Exception {
    suite = RunningSuite.in(work);
    devices = generateFleet(12);
    suite.push(COACHIQ, DemoFleet.sampleMigrations(work.resolve("migrations")));
    suite.startServices();
    suite.awaitInventoryOf(devices, LONG);
    api = suite.api("a", LONG);
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void tokensFromTheCommandGrantTheirRolesAndNoMoreWithOrWithoutTheSecretAtHand() throws Exception {
    var issued =
        suite.flotillaWith(
            Map.of(),
            "tokens",
            "create",
            "--role",
            "viewer",
            "--name",
            "wall-screen",
            "--ttl",
            "1h");
    assertThat(issued.exitCode()).as(issued.output()).isZero();
    String viewer = issued.stdout().strip();
    assertThat(viewer.split("\\.")).hasSize(3);
    assertThat(issued.output()).contains("a token for wall-screen (viewer), good until");

    var status = suite.flotillaWith(Map.of("FLOTILLA_TOKEN", viewer), "status", "--api", api);
    assertThat(status.exitCode()).as(status.output()).isZero();
    var pause =
        suite.flotillaWith(Map.of("FLOTILLA_TOKEN", viewer), "pause", "--api", api, prefix + "-r");
    assertThat(pause.exitCode()).isEqualTo(2);
    assertThat(pause.output())
        .contains("wall-screen (role viewer) may not do this; it takes the role operator or admin");
    var anonymous = suite.flotillaWith(Map.of("FLOTILLA_TOKEN", ""), "status", "--api", api);
    assertThat(anonymous.exitCode()).isEqualTo(2);
    assertThat(anonymous.output()).contains("needs a bearer token").contains("set FLOTILLA_TOKEN");

    // Where the secret is not at hand, the coordinator issues it, to an administrator only.
    var byApi =
        suite.flotillaWith(
            Map.of("FLOTILLA_AUTH_SECRET", ""),
            "tokens",
            "create",
            "--role",
            "approver",
            "--name",
            "lead",
            "--api",
            api);
    assertThat(byApi.exitCode()).as(byApi.output()).isZero();
    assertThat(byApi.output()).contains("a token for lead (approver)");
    var asLead =
        suite.flotillaWith(
            Map.of("FLOTILLA_TOKEN", byApi.stdout().strip()), "status", "--api", api);
    assertThat(asLead.exitCode()).as(asLead.output()).isZero();
    var byOperator =
        suite.flotillaWith(
            Map.of(
                "FLOTILLA_AUTH_SECRET",
                "",
                "FLOTILLA_TOKEN",
                TestAccess.token("ci", dev.flotilla.ops.access.Role.OPERATOR)),
            "tokens",
            "create",
            "--role",
            "admin",
            "--name",
            "ci",
            "--api",
            api);
    assertThat(byOperator.exitCode()).isEqualTo(2);
    assertThat(byOperator.output()).contains("ci (role operator) may not do this");
  }

  @Test
  void devicesListsTheFleetWithTheirVersionsAndCountsThemPerVersion() throws Exception {
    String untouched = prefix + "-001"; // devices 10 and 11: no test migrates them

    var table = flotilla("devices", "--search", untouched);
    var json = flotilla("devices", "--search", untouched.toUpperCase(), "--version", "2", "--json");
    var none = flotilla("devices", "--search", untouched, "--version", "5");
    var bad = flotilla("devices", "--version", "five");

    assertThat(table.exitCode()).as(table.output()).isZero();
    assertThat(table.output())
        .startsWith("2 devices\n")
        .containsPattern(devices.get(10) + " +V2 +[0-9.]+ KiB +- +- +20[0-9-]+T")
        .containsPattern(devices.get(11) + " +V2 ")
        .endsWith("devices per version: V2: 2\n");
    assertThat(json.exitCode()).as(json.output()).isZero();
    FleetInventory fleet = views.decode(json.stdout(), FleetInventory.class);
    assertThat(fleet.devices())
        .extracting(d -> d.deviceId())
        .containsExactly(devices.get(10).value(), devices.get(11).value());
    assertThat(fleet.versions()).hasSize(1);
    assertThat(fleet.versions().get(0).devices()).isEqualTo(2);
    assertThat(none.output()).isEqualTo("0 devices\n");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.output().strip())
        .startsWith("flotilla devices: --version:")
        .doesNotContain("\n");
  }

  @Test
  void aDryRunReportsWhatTheFleetWouldDoAndLeavesEveryDatabaseAsItWas() throws Exception {
    List<DeviceId> rehearsed = devices.subList(0, 3);
    DeviceId driving = rehearsed.get(2);
    report(driving, false); // driving until the dry run gives up on it
    Map<DeviceId, String> before = hashes(rehearsed);
    RolloutId real = RolloutId.of(prefix + "-real");
    Path file =
        request(
            real,
            rehearsed,
            RolloutPolicy.DEFAULT
                .withWaves(List.of(50, 100))
                .withApproval(Approval.BETWEEN_WAVES)
                .withSafetyRetry(1, 3));

    var dryRun = flotilla("dry-run", file.toString(), "--timeout", "PT2M");

    assertThat(dryRun.exitCode()).as(dryRun.output()).isEqualTo(1); // one device would be skipped
    Matcher published = Pattern.compile("dry run (\\S+) published").matcher(dryRun.output());
    assertThat(published.find()).as(dryRun.output()).isTrue();
    String id = published.group(1);
    assertThat(id).startsWith(real + ".dry-");
    assertThat(dryRun.output())
        .contains("stays free for the real rollout")
        .containsPattern("would migrate +2  \\(from V2: 2\\)")
        .containsPattern("would be skipped +1\n +" + driving + " +.*vehicle-moving")
        .containsPattern("would fail +0")
        .containsPattern("migrate time +[0-9.]+ m?s in all, the slowest device [0-9.]+ m?s")
        .containsPattern("size +[0-9.]+ [KM]iB -> [0-9.]+ [KM]iB \\([+-]")
        .containsPattern("disk needed +[0-9.]+ [KM]iB free across the fleet, at most");
    assertThat(hashes(rehearsed)).isEqualTo(before);
    for (DeviceId device : rehearsed) {
      assertThat(DeviceFiles.version(suite.db(device))).isEqualTo(2);
    }

    var status = flotilla("status", id, "--json");
    RolloutDetail detail = views.decode(status.output(), RolloutDetail.class);
    assertThat(detail.dryRun()).isTrue();
    assertThat(detail.rehearsal().devices()).isEqualTo(3);
    assertThat(detail.rehearsal().rehearsed()).isEqualTo(2);
    assertThat(detail.rehearsal().diskNeededBytes()).isPositive();
    assertThat(flotilla("status", real.value()).exitCode()).isEqualTo(2); // never published
  }

  @Test
  void approveLetsTheNextWaveStartAndWatchFollowsTheRolloutToItsEnd() throws Exception {
    RolloutId rollout =
        suite.start(
            prefix,
            COACHIQ,
            5,
            devices.subList(3, 6),
            policy(3).withWaves(List.of(34, 100)).withApproval(Approval.BETWEEN_WAVES));
    await().atMost(LONG).until(() -> suite.has(rollout, WaveAwaitingApproval.class));

    // The token names who approves: what --requested-by says is not taken at its word.
    var approve =
        suite.flotillaAs(
            "lead@example.com",
            "approve",
            "--api",
            api,
            rollout.value(),
            "2",
            "--requested-by",
            "somebody-else");
    var watch = flotilla("watch", rollout.value(), "--timeout", "PT2M");

    assertThat(approve.exitCode()).as(approve.output()).isZero();
    assertThat(approve.output())
        .startsWith("asked to approve wave 2 of rollout " + rollout + " as lead@example.com (");
    assertThat(suite.eventsOf(rollout))
        .anySatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        WaveApproved.class,
                        a -> assertThat(a.requestedBy()).isEqualTo("lead@example.com")));
    assertThat(watch.exitCode()).as(watch.output()).isZero();
    assertThat(watch.output())
        .containsPattern("wave 1 +\\[#{24}\\] 2/2 +done 2") // 34 % of 3, rounded up
        .containsPattern("wave 2 +\\[#{24}\\] 1/1 +done 1")
        .contains("Rollout " + rollout + " ended in")
        .contains("  at target version, verified       3\n")
        .doesNotContain("\033[");
    for (DeviceId device : devices.subList(3, 6)) {
      assertThat(DeviceFiles.version(suite.db(device))).isEqualTo(5);
    }
  }

  @Test
  void pauseResumeAndAbortGoThroughTheApiAndWatchSaysHowItEnded() throws Exception {
    List<DeviceId> four = devices.subList(6, 10);
    // The first wave's one device ends, then the rollout waits for approval: steered from there
    // at the command line's pace.
    RolloutId rollout =
        suite.start(
            prefix,
            COACHIQ,
            5,
            four,
            policy(1).withWaves(List.of(25, 100)).withApproval(Approval.BETWEEN_WAVES));
    await().atMost(LONG).until(() -> suite.has(rollout, WaveAwaitingApproval.class));

    var pause = flotilla("pause", rollout.value());
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(suite.eventsOf(rollout))
                    .as(pause.output() + " then " + suite.eventsOf(rollout))
                    .anyMatch(RolloutPaused.class::isInstance));
    var stillRunning = flotilla("watch", rollout.value(), "--timeout", "PT2S");
    var resume = flotilla("resume", rollout.value());
    var abort = flotilla("abort", rollout.value());
    var aborted = flotilla("watch", rollout.value(), "--timeout", "PT2M");
    var json = flotilla("watch", rollout.value(), "--json");

    assertThat(pause.exitCode()).as(pause.output()).isZero();
    // Named as the token's holder, not as $USER@hostname.
    assertThat(pause.output())
        .startsWith(
            "asked to pause rollout " + rollout + " as " + ServiceProcesses.OPERATOR + " (");
    assertThat(stillRunning.exitCode()).as(stillRunning.output()).isEqualTo(5);
    assertThat(stillRunning.output()).contains(rollout + " PAUSED").contains("still running after");
    assertThat(resume.exitCode()).as(resume.output()).isZero();
    assertThat(abort.exitCode()).as(abort.output()).isZero();
    assertThat(aborted.exitCode()).as(aborted.output()).isEqualTo(4);
    assertThat(aborted.output()).containsPattern("ended in [0-9.]+s: ABORTED \\(aborted by ");
    assertThat(json.exitCode()).isEqualTo(4);
    RolloutDetail end = views.decode(json.stdout(), RolloutDetail.class);
    assertThat(end.status()).isEqualTo("ABORTED");
    assertThat(end.outcomes().done()).isEqualTo(1);
    assertThat(end.outcomes().skipped()).isEqualTo(3);
  }

  @Test
  void watchingARejectedRolloutExitsWithThree() throws Exception {
    RolloutId rollout = RolloutId.of(prefix + "-rejected");
    suite.publish(
        new UpdateRequest(
            rollout,
            MigrationSetId.of("no-such-set"),
            VersionId.of(5),
            Selector.devices(devices.subList(0, 1)),
            null,
            "it",
            MessageId.random(),
            Instant.now()));

    var watch = flotilla("watch", rollout.value(), "--timeout", "PT1M");

    assertThat(watch.exitCode()).as(watch.output()).isEqualTo(3);
    assertThat(watch.output())
        .contains("Rollout " + rollout + " was REJECTED; no device was touched:")
        .contains("no-such-set");
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws Exception {
    var unknown = flotilla("pause", prefix + "-none");
    var noWave = flotilla("approve", prefix + "-none", "0");
    var notARollout = flotilla("abort", "not a rollout");
    var neverSeen = flotilla("watch", prefix + "-none", "--timeout", "PT2S");
    var noFile = flotilla("dry-run", work.resolve("missing.json").toString());

    for (var result : List.of(unknown, noWave, notARollout, neverSeen, noFile)) {
      assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
      assertThat(result.output()).doesNotContain("\tat ");
    }
    assertThat(unknown.output().strip())
        .isEqualTo("flotilla pause: no rollout " + prefix + "-none is known");
    assertThat(noWave.output()).contains("WAVE: 0 is not a wave");
    assertThat(notARollout.output()).contains("is not a rollout id");
    assertThat(neverSeen.output())
        .contains("no rollout " + prefix + "-none is known to the coordinator");
    assertThat(noFile.output()).contains("no such file");
  }

  // --- helpers

  private ServiceProcesses.Result flotilla(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(1, "--api");
    all.add(2, api);
    return suite.flotilla(all.toArray(String[]::new));
  }

  private static RolloutPolicy policy(int maxInFlight) {
    return RolloutPolicy.DEFAULT.withMaxInFlight(maxInFlight).withStepTimeoutSeconds(120);
  }

  private Path request(RolloutId rollout, List<DeviceId> selected, RolloutPolicy policy)
      throws Exception {
    UpdateRequest request =
        new UpdateRequest(
            rollout,
            COACHIQ,
            VersionId.of(5),
            Selector.devices(selected),
            policy,
            "it@example.com",
            null,
            null);
    return Files.writeString(
        work.resolve(rollout + ".json"), new MessageCodec().encodePretty(request));
  }

  private void report(DeviceId device, boolean parked) {
    Instant now = Instant.now();
    suite.send(
        Topics.DEVICE_STATES,
        new DeviceStateReport(
            MessageId.random(),
            now,
            device,
            now,
            new DeviceConditions(parked, 0, List.of()),
            List.of()));
  }

  private Map<DeviceId, String> hashes(List<DeviceId> of) throws Exception {
    Map<DeviceId, String> hashes = new TreeMap<>();
    for (DeviceId device : of) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String suffix : List.of("", "-wal")) {
        Path file = suite.fleet().resolve(device.value() + ".db" + suffix);
        if (Files.exists(file)) {
          sha.update(Files.readAllBytes(file));
        }
      }
      hashes.put(device, HexFormat.of().formatHex(sha.digest()));
    }
    return hashes;
  }

  /** The demo fleet, renamed {@code <prefix>-0000} and on. */
  private List<DeviceId> generateFleet(int count) throws Exception {
    Path staging = work.resolve("staging");
    Files.createDirectories(suite.fleet());
    List<DeviceId> renamed = new ArrayList<>();
    for (DeviceId generated : DemoFleet.generate(staging, count, 31)) {
      DeviceId device = DeviceId.of(String.format("%s-%04d", prefix, renamed.size()));
      Files.move(staging.resolve(generated.value() + ".db"), suite.fleet().resolve(device + ".db"));
      renamed.add(device);
    }
    return renamed;
  }
}
