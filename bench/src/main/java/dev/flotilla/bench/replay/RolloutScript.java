package dev.flotilla.bench.replay;

import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.event.WaveStarted;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The events of one rollout in the order the coordinator writes them: accepted, then wave by wave
 * (awaiting approval and approved between waves when the policy asks for it), the devices of a wave
 * {@value #MAX_IN_FLIGHT} at a time with their events interleaved as their replies arrive, and the
 * rollout's end with its counts. Pure: the same seed gives the same events.
 */
final class RolloutScript {
  static final int MAX_IN_FLIGHT = 50;
  static final List<Integer> WAVES = List.of(10, 50, 100);
  static final String REQUESTED_BY = "ops@example.com";

  private RolloutScript() {}

  static List<RolloutEvent> events(
      RolloutId rollout, List<DeviceId> devices, boolean approvals, Instant start, Random random) {
    MigrationSetId set = MigrationSetId.of("coachiq");
    RolloutPolicy policy =
        RolloutPolicy.DEFAULT
            .withWaves(WAVES)
            .withApproval(approvals ? Approval.BETWEEN_WAVES : Approval.NONE);
    Clock clock = new Clock(rollout, start, random);
    List<RolloutEvent> out = new ArrayList<>();
    MessageId request = MessageId.derivedFrom("request:" + rollout);
    RolloutAccepted accepted =
        new RolloutAccepted(
            clock.id(1),
            rollout,
            1,
            request,
            clock.tick(),
            set,
            DeviceRun.TARGET,
            devices,
            policy,
            REQUESTED_BY);
    out.add(accepted);
    MessageId cause = accepted.messageId();
    RolloutCounts counts = RolloutCounts.NONE;
    int from = 0;
    for (int wave = 1; wave <= WAVES.size(); wave++) {
      int to = (int) Math.ceil(devices.size() * WAVES.get(wave - 1) / 100.0);
      if (to <= from) {
        continue;
      }
      if (wave > 1 && approvals) {
        long seq = out.size() + 1;
        out.add(new WaveAwaitingApproval(clock.id(seq), rollout, seq, cause, clock.tick(), wave));
        MessageId approve = MessageId.derivedFrom("approve:" + rollout + "/" + wave);
        seq = out.size() + 1;
        out.add(
            new WaveApproved(
                clock.id(seq), rollout, seq, approve, clock.tick(), wave, REQUESTED_BY));
        cause = approve;
      }
      List<DeviceId> inWave = devices.subList(from, to);
      long seq = out.size() + 1;
      out.add(new WaveStarted(clock.id(seq), rollout, seq, cause, clock.tick(), wave, inWave));
      MessageId started = out.get(out.size() - 1).messageId();
      List<DeviceRun> inFlight = new ArrayList<>();
      int next = 0;
      while (next < inWave.size() || !inFlight.isEmpty()) {
        while (inFlight.size() < MAX_IN_FLIGHT && next < inWave.size()) {
          DeviceId device = inWave.get(next++);
          long size = 120_000 + random.nextInt(100_000);
          inFlight.add(new DeviceRun(rollout, set, device, DeviceFate.draw(random), size, started));
        }
        int pick = random.nextInt(inFlight.size());
        DeviceRun run = inFlight.get(pick);
        seq = out.size() + 1;
        out.add(run.next(seq, clock.tick()));
        if (run.finished()) {
          DeviceOutcome outcome = run.outcome();
          counts = counts.plus(outcome);
          cause = out.get(out.size() - 1).messageId();
          inFlight.set(pick, inFlight.get(inFlight.size() - 1));
          inFlight.remove(inFlight.size() - 1);
        }
      }
      from = to;
    }
    long seq = out.size() + 1;
    out.add(new RolloutFinished(clock.id(seq), rollout, seq, cause, clock.tick(), counts));
    return out;
  }

  /** Event ids as the coordinator derives them, and times a few milliseconds apart. */
  private static final class Clock {
    private final RolloutId rollout;
    private final Random random;
    private Instant now;

    Clock(RolloutId rollout, Instant start, Random random) {
      this.rollout = rollout;
      this.now = start;
      this.random = random;
    }

    MessageId id(long sequence) {
      return MessageId.derivedFrom("event:" + rollout + "#" + sequence);
    }

    Instant tick() {
      now = now.plusMillis(1 + random.nextInt(20));
      return now;
    }
  }
}
