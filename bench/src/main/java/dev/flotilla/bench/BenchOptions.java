package dev.flotilla.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to measure and where, from the command line.
 *
 * @param devices fleet size of every measured run
 * @param rounds measured rounds per variant; the median is reported
 * @param warmupDevices devices of the warm-up round each variant runs first, not reported
 * @param seed the demo fleet's seed: the same rows in every copy
 * @param variants which in-process variants run, by key
 * @param endToEnd whether the fleet is also rolled out over Kafka (and replayed)
 * @param maxInFlight the rollout's devices in flight at once, end to end
 * @param sizes fleet sizes rolled out end to end after the measured rollout, each on devices of its
 *     own: how time per device grows with the fleet
 * @param suites the measurements beside the fleet's migration, each sized; zero or empty skips one
 * @param workDir where fleets, backups, the broker and the log go; emptied first
 * @param out the JSON results file
 */
record BenchOptions(
    int devices,
    int rounds,
    int warmupDevices,
    long seed,
    List<String> variants,
    boolean endToEnd,
    int maxInFlight,
    List<Integer> sizes,
    Suites suites,
    Path workDir,
    Path out) {
  static final List<String> ALL_VARIANTS = List.of("bare", "flyway", "flotilla", "safe");

  /**
   * The measurements of parts of the system, each against its own peer, and how large each is.
   *
   * @param orchestration fleet sizes of the coordinator alone, with workers that answer at once
   * @param restartDevices devices in flight when the coordinator is restarted
   * @param replayEvents events in the log the projections are rebuilt from
   * @param sseClients dashboard clients of the notifier
   * @param backupMegabytes size of the database backed up against a file copy
   * @param stepDevices devices whose steps and row guard are timed one by one
   */
  record Suites(
      List<Integer> orchestration,
      int restartDevices,
      int replayEvents,
      int sseClients,
      int backupMegabytes,
      int stepDevices) {
    static final Suites NONE = new Suites(List.of(), 0, 0, 0, 0, 0);

    /** What the performance targets are stated for. */
    static final Suites FULL =
        new Suites(List.of(1_000, 10_000), 100_000, 1_000_000, 1_000, 1024, 100);

    Suites {
      orchestration = List.copyOf(orchestration);
      if (orchestration.stream().anyMatch(size -> size < 1)
          || restartDevices < 0
          || replayEvents < 0
          || sseClients < 0
          || backupMegabytes < 0
          || stepDevices < 0) {
        throw new IllegalArgumentException("suite sizes cannot be negative");
      }
    }

    boolean any() {
      return !orchestration.isEmpty()
          || restartDevices > 0
          || replayEvents > 0
          || sseClients > 0
          || backupMegabytes > 0
          || stepDevices > 0;
    }

    /** Whether a suite needs the run's shared broker (the others start one of their own). */
    boolean needBroker() {
      return !orchestration.isEmpty() || restartDevices > 0;
    }
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar flotilla-bench.jar [options]",
          "  --devices N          devices per measured run (default 100)",
          "  --rounds R           measured rounds per variant, after one warm-up (default 3)",
          "  --warmup-devices W   devices of the warm-up round (default min(N, 30)); the end-to-end",
          "                       warm-up rollout takes min(W, 20) devices of its own",
          "  --seed S             seed of the demo fleet's data (default 42)",
          "  --variants LIST      in-process variants, comma-separated, of " + ALL_VARIANTS,
          "                       (default all)",
          "  --no-end-to-end      skip the rollout over Kafka, the notifier latency and the replay",
          "  --max-in-flight M    devices in flight at once end to end (default 50, the",
          "                       product's default policy)",
          "  --sizes LIST         fleet sizes also rolled out end to end after the measured one,",
          "                       each on new devices, e.g. 100,1000,10000 (default none)",
          "  --orchestration LIST fleet sizes of the coordinator alone, its workers answering at",
          "                       once, against bare Kafka round trips (default none)",
          "  --restart N          restart the coordinator with N devices in flight (default 0: no)",
          "  --replay-events N    rebuild the projections from a log of N events (default 0: no)",
          "  --sse-clients N      the notifier with N SSE clients, at 200 and at 1000 events/s",
          "                       (default 0: no)",
          "  --backup-mb N        back up a database of N MB against a file copy (default 0: no)",
          "  --step-devices N     each step and the row guard timed on N devices (default 0: no)",
          "  --full               what the performance targets are stated for: --devices 1000",
          "                       --sizes 100,10000 --orchestration 1000,10000 --restart 100000",
          "                       --replay-events 1000000 --sse-clients 1000 --backup-mb 1024",
          "                       --step-devices 100 (later options override)",
          "  --work-dir DIR       fleets, backups, broker and bench.log; emptied first",
          "                       (default: bench-work next to the jar)",
          "  --out FILE           the JSON results (default: bench-results.json next to the jar)");

  BenchOptions {
    if (devices < 1) {
      throw new IllegalArgumentException("--devices must be at least 1");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1");
    }
    if (warmupDevices < 1) {
      throw new IllegalArgumentException("--warmup-devices must be at least 1");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("--max-in-flight must be at least 1");
    }
    if (variants.isEmpty() && !endToEnd && !suites.any()) {
      throw new IllegalArgumentException("nothing to measure: no variant and --no-end-to-end");
    }
    for (String variant : variants) {
      if (!ALL_VARIANTS.contains(variant)) {
        throw new IllegalArgumentException(
            "unknown variant '" + variant + "'; known: " + ALL_VARIANTS);
      }
    }
    variants = List.copyOf(variants);
    for (int size : sizes) {
      if (size < 1) {
        throw new IllegalArgumentException("--sizes takes fleet sizes of at least 1");
      }
    }
    sizes = List.copyOf(sizes);
  }

  /**
   * @param home where the defaults of the work directory and the results file go
   */
  static BenchOptions parse(String[] args, Path home) {
    int devices = 100;
    int rounds = 3;
    Integer warmup = null;
    long seed = 42;
    List<String> variants = ALL_VARIANTS;
    boolean endToEnd = true;
    int maxInFlight = 50;
    List<Integer> sizes = List.of();
    List<Integer> orchestration = List.of();
    int restart = 0;
    int replayEvents = 0;
    int sseClients = 0;
    int backupMb = 0;
    int stepDevices = 0;
    Path workDir = home.resolve("bench-work");
    Path out = home.resolve("bench-results.json");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--devices" -> devices = intValue(arg, value(args, ++i, arg));
        case "--rounds" -> rounds = intValue(arg, value(args, ++i, arg));
        case "--warmup-devices" -> warmup = intValue(arg, value(args, ++i, arg));
        case "--seed" -> seed = longValue(arg, value(args, ++i, arg));
        case "--variants" -> variants = list(value(args, ++i, arg));
        case "--no-end-to-end" -> endToEnd = false;
        case "--max-in-flight" -> maxInFlight = intValue(arg, value(args, ++i, arg));
        case "--sizes" -> sizes = intList(arg, value(args, ++i, arg));
        case "--orchestration" -> orchestration = intList(arg, value(args, ++i, arg));
        case "--restart" -> restart = intValue(arg, value(args, ++i, arg));
        case "--replay-events" -> replayEvents = intValue(arg, value(args, ++i, arg));
        case "--sse-clients" -> sseClients = intValue(arg, value(args, ++i, arg));
        case "--backup-mb" -> backupMb = intValue(arg, value(args, ++i, arg));
        case "--step-devices" -> stepDevices = intValue(arg, value(args, ++i, arg));
        case "--full" -> {
          devices = 1_000;
          sizes = List.of(100, 10_000);
          orchestration = Suites.FULL.orchestration();
          restart = Suites.FULL.restartDevices();
          replayEvents = Suites.FULL.replayEvents();
          sseClients = Suites.FULL.sseClients();
          backupMb = Suites.FULL.backupMegabytes();
          stepDevices = Suites.FULL.stepDevices();
        }
        case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
        case "--out" -> out = Path.of(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    return new BenchOptions(
        devices,
        rounds,
        warmup != null ? warmup : Math.min(devices, 30),
        seed,
        variants,
        endToEnd,
        maxInFlight,
        sizes,
        new Suites(orchestration, restart, replayEvents, sseClients, backupMb, stepDevices),
        workDir.toAbsolutePath().normalize(),
        out.toAbsolutePath().normalize());
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int intValue(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
    }
  }

  private static long longValue(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
    }
  }

  private static List<Integer> intList(String option, String value) {
    return list(value).stream().map(item -> intValue(option, item)).toList();
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip().toLowerCase(Locale.ROOT));
      }
    }
    return items;
  }
}
