package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.testsupport.crash.ChildRun;
import dev.flotilla.testsupport.crash.CrashTally;
import dev.flotilla.testsupport.crash.CrashTally.When;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import org.slf4j.Logger;

/**
 * One crash run: a child JVM ({@link CrashChild}) carrying out one command on folders of its own,
 * killed part-way by the test, then the checks of what it left and of the redelivered command.
 */
abstract class CrashRun {
  static final String REPLIED = "after the reply";
  static final String UNTOUCHED = "before any write";
  private static final MessageCodec CODEC = new MessageCodec();

  /** Kills land up to a quarter past the work's length, so that some may land after it. */
  private static final double LATEST_KILL = 1.25;

  final Path dir;
  final Path fleetDir;
  final Path backupDir;
  String context = "";
  ChildRun child;
  private String phase;

  CrashRun(Path dir) {
    this.dir = dir;
    this.fleetDir = dir.resolve("fleet");
    this.backupDir = dir.resolve("backups");
  }

  abstract WorkerCommand command();

  /** Where the work was when the child died, read from what it left. */
  abstract String readPhase();

  /**
   * Checks what the crash left; then, after a start-up sweep with no grace period when asked,
   * redelivers the command and checks the outcome.
   */
  abstract void assertRecovered(boolean sweepFirst);

  /** Starts the child; it reports ready and waits for {@link ChildRun#go()}. */
  CrashRun start() {
    child =
        ChildRun.start(
            dir,
            CrashChild.class,
            List.of(fleetDir.toString(), backupDir.toString(), CODEC.encodeToString(command())));
    return this;
  }

  /** Read once, after the kill, and remembered: the redelivery changes what is on disk. */
  final String phase() {
    if (phase == null) {
      phase = readPhase();
    }
    return phase;
  }

  final When when() {
    return switch (phase()) {
      case REPLIED -> When.AFTER_THE_REPLY;
      case UNTOUCHED -> When.BEFORE_ANY_WRITE;
      default -> When.DURING;
    };
  }

  final String where() {
    return context + ", killed " + phase();
  }

  /**
   * A calibration run that is not killed measures the work; then {@code runs} runs are killed at
   * random instants in [0, 1.25 × the work], each child starting while the previous run is checked.
   * The work's length is the shortest seen so far, so a slow calibration (a busy machine) does not
   * push the kills past the end of the work. Runs 2 and 3 of every four are swept as at start-up
   * before the redelivery.
   */
  static CrashTally killAtRandom(
      String what, int runs, IntFunction<CrashRun> runNumbered, Logger log) {
    long seed = CrashTally.seed();
    Random random = new Random(seed);
    CrashRun calibration = runNumbered.apply(0).start();
    calibration.child.awaitReady().go().awaitExit();
    assertThat(calibration.phase()).as(calibration.child.output()).isEqualTo(REPLIED);
    Duration work = calibration.child.workTime().orElseThrow();
    Duration calibrated = work;
    calibration.assertRecovered(false);

    CrashTally tally = new CrashTally();
    CrashRun next = runNumbered.apply(1).start();
    try {
      for (int run = 1; run <= runs; run++) {
        CrashRun crash = next;
        double fraction = random.nextDouble() * LATEST_KILL;
        Duration delay = Duration.ofNanos((long) (work.toNanos() * fraction));
        crash.context =
            String.format(
                "%s run %d of seed %d (repeat with -D%s=%d), %d µs after GO (%.2f of the work)",
                what, run, seed, CrashTally.SEED_PROPERTY, seed, delay.toNanos() / 1000, fraction);
        crash.child.awaitReady().go().killAfter(delay);
        next = run < runs ? runNumbered.apply(run + 1).start() : null;
        When when = crash.when();
        tally.add(when, crash.phase());
        Optional<Duration> took = crash.child.workTime();
        if (took.isPresent() && took.get().compareTo(work) < 0) {
          work = took.get();
        } else if (when == When.BEFORE_ANY_WRITE
            && work.compareTo(calibrated.multipliedBy(8)) < 0) {
          // A machine busier than at calibration reaches the first write later: aim later.
          work = work.multipliedBy(3).dividedBy(2);
        }
        crash.assertRecovered(run % 4 >= 2);
      }
    } finally {
      if (next != null) {
        next.child.close();
      }
    }
    log.info(
        "{} crash runs, seed {}: work {} ms (calibration {} ms), kills in [0, {}] of it: {}",
        what,
        seed,
        work.toMillis(),
        calibrated.toMillis(),
        LATEST_KILL,
        tally.summary());
    assertThat(tally.count(When.DURING))
        .as("kills that landed during the work, seed %d: %s", seed, tally.summary())
        .isPositive();
    return tally;
  }
}
