package dev.flotilla.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flotilla.bench.backup.LargeBackupBench;
import dev.flotilla.bench.backup.LargeBackupResult;
import dev.flotilla.bench.backup.RowGuardBench;
import dev.flotilla.bench.backup.RowGuardResult;
import dev.flotilla.bench.fanout.SseFanoutBench;
import dev.flotilla.bench.fanout.SseFanoutResult;
import dev.flotilla.bench.orchestration.OrchestrationBench;
import dev.flotilla.bench.orchestration.OrchestrationResult;
import dev.flotilla.bench.orchestration.RestartBench;
import dev.flotilla.bench.orchestration.RestartResult;
import dev.flotilla.bench.replay.ReplayMillionBench;
import dev.flotilla.bench.replay.ReplayMillionResult;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Measures what Flotilla's safety costs and what it gains, as ratios against the peers users run
 * today, all measured in the same run on fresh copies of the same demo fleet: a bare JDBC loop, a
 * Flyway loop, Flotilla's migrate step and its whole per-device sequence in-process, then the fleet
 * rolled out over Kafka end to end and the coordinator's projections replayed from the log.
 *
 * <pre>{@code java -jar bench/target/flotilla-bench.jar [--devices N] [--rounds R] [--help]}</pre>
 */
public final class FleetBench {
  static final MigrationSetId SET = MigrationSetId.of(DemoFleet.MIGRATION_SET);
  static final int FROM_VERSION = DemoFleet.GENERATED_VERSION;
  static final int TO_VERSION = DemoFleet.LATEST_VERSION;

  /** Event rates the notifier's fan-out is measured at, each on a broker of its own. */
  private static final List<Integer> SSE_RATES = List.of(200, 1_000);

  private static final Duration SSE_MEASURED = Duration.ofSeconds(20);
  private static final Duration SSE_WARMUP = Duration.ofSeconds(3);

  /** The notifier's heap target: it runs with no more. */
  private static final int SSE_NOTIFIER_HEAP_MB = 256;

  private static final int REPLAY_DEVICES_PER_ROLLOUT = 1_000;

  /** Devices of the warm-up rollout end to end, on devices of their own. */
  private static final int END_TO_END_WARMUP_MAX = 20;

  private FleetBench() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, home());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    // Before the first logger exists: every variant logs the same way, to this file.
    Path log = options.out().resolveSibling("bench.log");
    System.setProperty("flotilla.bench.log", log.toString());
    BenchReport report = run(options, System.out);
    new ReportPrinter(System.out).print(report);
    System.out.println("results: " + options.out() + "   log: " + log);
    // The services' and clients' threads are not all daemons.
    System.exit(0);
  }

  /** Runs everything the options ask for, writes the results file and returns the report. */
  static BenchReport run(BenchOptions options, PrintStream out) throws Exception {
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long started = System.nanoTime();
    int endToEndWarmup =
        options.endToEnd() ? Math.min(options.warmupDevices(), END_TO_END_WARMUP_MAX) : 0;
    int sizedDevices = options.endToEnd() ? options.sizes().stream().mapToInt(i -> i).sum() : 0;
    int generated = options.devices() + endToEndWarmup + sizedDevices;
    out.printf(
        "Generating %d demo devices at V%d (seed %d) in %s ...%n",
        generated, FROM_VERSION, options.seed(), options.workDir());
    Workspace workspace = Workspace.create(options.workDir(), generated, options.seed());
    MachineFacts machine = MachineFacts.of(options.workDir());
    FleetCheck check = FleetCheck.forLatestOf(workspace.migrationSet());
    List<DeviceId> measured = workspace.devices().subList(0, options.devices());

    List<VariantSummary> variants = List.of();
    if (!options.variants().isEmpty()) {
      out.printf(
          "In-process, one device after the other: %s%n", String.join(", ", options.variants()));
      variants =
          new InProcessBench(workspace, check, out)
              .run(
                  variantsOf(options.variants(), workspace),
                  options.devices(),
                  options.rounds(),
                  Math.min(options.warmupDevices(), options.devices()));
    }
    List<Ratio> ratios = ratios(variants);

    EndToEndResult endToEnd = null;
    ReplayResult replay = null;
    OrchestrationResult orchestration = null;
    RestartResult restart = null;
    BenchOptions.Suites suites = options.suites();
    if (options.endToEnd() || suites.needBroker()) {
      out.println("Starting a broker ...");
      long brokerStarting = System.nanoTime();
      try (DevBroker broker = DevBroker.start(workspace.root().resolve("broker"))) {
        double brokerSeconds = (System.nanoTime() - brokerStarting) / 1e9;
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        TopicProvisioner.ensureTopics(kafka);
        if (options.endToEnd()) {
          out.println("End to end over Kafka: the four services ...");
          int next = options.devices();
          List<DeviceId> warmup = workspace.devices().subList(next, next + endToEndWarmup);
          next += endToEndWarmup;
          List<List<DeviceId>> sized = new ArrayList<>();
          for (int size : options.sizes()) {
            sized.add(workspace.devices().subList(next, next + size));
            next += size;
          }
          EndToEndBench.Rollouts rollouts =
              new EndToEndBench(broker, workspace, check, SET, TO_VERSION, out)
                  .run(kafka, warmup, measured, sized, options.maxInFlight());
          endToEnd = endToEndResult(rollouts, kafka.partitions(), brokerSeconds, variants);
          out.println("Replaying flotilla.events ...");
          replay = new ReplayBench(kafka, workspace.emptyDir("replay"), out).run(options.rounds());
        }
        // Each runs its own coordinator: after the end-to-end services have stopped.
        if (!suites.orchestration().isEmpty()) {
          out.println("The coordinator alone, its workers answering at once ...");
          orchestration =
              new OrchestrationBench(
                      workspace.emptyDir("orchestration"),
                      out,
                      kafka,
                      suites.orchestration(),
                      OrchestrationBench.DEFAULT_WARMUP,
                      broker.pid())
                  .run();
        }
        if (suites.restartDevices() > 0) {
          out.println("The coordinator restarted with a rollout in flight ...");
          restart =
              new RestartBench(workspace.emptyDir("restart"), out, kafka, suites.restartDevices())
                  .run();
        }
      }
    }
    // A log of their own, so the notifier starts at once and the replay covers what it wrote.
    List<SseFanoutResult> fanout = new ArrayList<>();
    for (int rate : suites.sseClients() > 0 ? SSE_RATES : List.<Integer>of()) {
      out.printf("The notifier with %d SSE clients, %d events/s ...%n", suites.sseClients(), rate);
      Path dir = workspace.emptyDir("fanout-" + rate);
      try (DevBroker broker = DevBroker.start(dir.resolve("broker"))) {
        fanout.add(
            new SseFanoutBench(
                    dir,
                    out,
                    KafkaSettings.of(broker.bootstrapServers()),
                    suites.sseClients(),
                    rate,
                    SSE_MEASURED,
                    SSE_WARMUP,
                    SSE_NOTIFIER_HEAP_MB,
                    null)
                .run());
      }
    }
    ReplayMillionResult replayMillion = null;
    if (suites.replayEvents() > 0) {
      out.printf("Replaying a log of %d events ...%n", suites.replayEvents());
      Path dir = workspace.emptyDir("replay-million");
      try (DevBroker broker = DevBroker.start(dir.resolve("broker"))) {
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        TopicProvisioner.ensureTopics(kafka);
        replayMillion =
            new ReplayMillionBench(
                    kafka,
                    dir,
                    out,
                    suites.replayEvents(),
                    REPLAY_DEVICES_PER_ROLLOUT,
                    options.rounds())
                .run();
      }
    }
    LargeBackupResult largeBackup = null;
    if (suites.backupMegabytes() > 0) {
      out.printf(
          "Backing up a database of %d MB against a file copy ...%n", suites.backupMegabytes());
      // Outside the work folder, which every run empties: the large database is kept for the next.
      largeBackup =
          new LargeBackupBench(
                  options.workDir().resolveSibling("bench-cache"),
                  out,
                  suites.backupMegabytes(),
                  options.rounds(),
                  options.seed())
              .run();
    }
    RowGuardResult steps = null;
    if (suites.stepDevices() > 0) {
      out.printf("Each step and the row guard on %d devices ...%n", suites.stepDevices());
      steps =
          new RowGuardBench(
                  workspace.emptyDir("steps"),
                  out,
                  suites.stepDevices(),
                  options.rounds(),
                  options.seed())
              .run();
    }

    BenchReport report =
        new BenchReport(
            startedAt.toString(),
            (System.nanoTime() - started) / 1e9,
            machine,
            MachineFacts.loadAverageNow(),
            new BenchReport.Setup(
                SET.value(),
                FROM_VERSION,
                TO_VERSION,
                options.devices(),
                options.rounds(),
                options.warmupDevices(),
                options.seed(),
                options.workDir().toString(),
                workspace.fleetBytes()),
            variants,
            ratios,
            endToEnd,
            replay,
            orchestration,
            restart,
            fanout,
            replayMillion,
            largeBackup,
            steps);
    write(report, options.out());
    return report;
  }

  private static List<MigrationVariant> variantsOf(List<String> keys, Workspace workspace)
      throws IOException {
    Path runs = workspace.root().resolve("runs");
    Path scratch = workspace.root().resolve("worker-data");
    List<MigrationVariant> variants = new ArrayList<>();
    for (String key : keys) {
      Path fleet = runs.resolve(key);
      variants.add(
          switch (key) {
            case "bare" ->
                new BareJdbcLoop(fleet, workspace.migrationSet(), FROM_VERSION, TO_VERSION);
            case "flyway" ->
                new FlywayLoop(fleet, workspace.flywayFolder(), FROM_VERSION, TO_VERSION);
            case "flotilla" ->
                new FlotillaMigrateStep(
                    fleet, workspace.migrationSet(), SET, TO_VERSION, scratch.resolve(key));
            case "safe" ->
                new FlotillaSafeSequence(
                    fleet,
                    workspace.root().resolve("backups"),
                    workspace.migrationSet(),
                    SET,
                    TO_VERSION,
                    scratch.resolve(key));
            default -> throw new IllegalArgumentException("unknown variant " + key);
          });
    }
    return variants;
  }

  /** The comparisons the bench exists for, where both sides ran. */
  static List<Ratio> ratios(List<VariantSummary> variants) {
    String[][] pairs = {
      {"flyway", "bare"},
      {"flotilla", "bare"},
      {"flotilla", "flyway"},
      {"safe", "flyway"},
      {"safe", "flotilla"},
    };
    List<Ratio> ratios = new ArrayList<>();
    for (String[] pair : pairs) {
      Optional<VariantSummary> of = find(variants, pair[0]);
      Optional<VariantSummary> over = find(variants, pair[1]);
      if (of.isPresent() && over.isPresent()) {
        ratios.add(Ratio.between(of.get(), over.get()));
      }
    }
    return ratios;
  }

  private static EndToEndResult endToEndResult(
      EndToEndBench.Rollouts rollouts,
      int partitions,
      double brokerSeconds,
      List<VariantSummary> variants) {
    EndToEndBench.Rollout rollout = rollouts.measured();
    double seconds = rollout.elapsedNanos() / 1e9;
    double msPerDevice = rollout.elapsedNanos() / 1e6 / rollout.devices();
    double allocatedKb = rollout.heap().allocatedBytes() / 1024.0 / rollout.devices();
    double peakMb = rollout.heap().peakUsedBytes() / (1024.0 * 1024);
    Optional<VariantSummary> flyway = find(variants, "flyway");
    Optional<VariantSummary> bare = find(variants, "bare");
    Optional<VariantSummary> safe = find(variants, "safe");
    return new EndToEndResult(
        "an update request published to flotilla.update-requests; the coordinator runs one saga"
            + " per device (safety check, backup, migrate, verify) over Kafka transactions with"
            + " the two workers, the notifier follows flotilla.events; timed until RolloutFinished"
            + " is read",
        rollout.devices(),
        rollout.maxInFlight(),
        partitions,
        rollout.warmupDevices(),
        brokerSeconds,
        seconds,
        rollout.devices() / seconds,
        msPerDevice,
        rollout.heap(),
        allocatedKb,
        rollout.outcomes(),
        flyway.map(v -> msPerDevice / v.msPerDevice().median()).orElse(null),
        bare.map(v -> msPerDevice / v.msPerDevice().median()).orElse(null),
        safe.map(v -> msPerDevice / v.msPerDevice().median()).orElse(null),
        flyway.map(v -> allocatedKb / v.allocatedKbPerDevice().median()).orElse(null),
        flyway.map(v -> peakMb / v.peakHeapMb().median()).orElse(null),
        rollout.notifierLatency(),
        rollout.cpu(),
        rollouts.idle(),
        rollouts.bySize().stream().map(sized -> FleetSizeResult.of(sized, rollout)).toList());
  }

  private static Optional<VariantSummary> find(List<VariantSummary> variants, String key) {
    return variants.stream().filter(variant -> variant.key().equals(key)).findFirst();
  }

  /** Written under a temporary name and renamed, so a reader never sees half a file. */
  private static void write(BenchReport report, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), report);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The folder of the jar (or of the classes) this runs from: {@code bench/target}. */
  private static Path home() {
    try {
      Path location =
          Path.of(FleetBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("").toAbsolutePath();
    }
  }
}
