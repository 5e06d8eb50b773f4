package dev.flotilla.bench.replay;

import java.util.List;
import java.util.Random;

/**
 * How one device's saga goes in a generated rollout, and the beats it passes through, in the order
 * the coordinator's saga (DeviceSteps) emits them. Most devices are migrated; a few are skipped,
 * deferred once, rolled back after a failed migration or restored after a failed verification.
 */
enum DeviceFate {
  DONE(
      0.93,
      Beat.SAFETY_CHECK,
      Beat.SAFE,
      Beat.BACKUP,
      Beat.BACKED_UP,
      Beat.MIGRATE,
      Beat.MIGRATED,
      Beat.VERIFY,
      Beat.VERIFIED,
      Beat.FINISHED_DONE),
  DEFERRED_THEN_DONE(
      0.02,
      Beat.SAFETY_CHECK,
      Beat.UNSAFE_FOR_NOW,
      Beat.DEFERRED,
      Beat.SAFETY_CHECK,
      Beat.SAFE,
      Beat.BACKUP,
      Beat.BACKED_UP,
      Beat.MIGRATE,
      Beat.MIGRATED,
      Beat.VERIFY,
      Beat.VERIFIED,
      Beat.FINISHED_DONE),
  SKIPPED(0.02, Beat.SAFETY_CHECK, Beat.UNSAFE, Beat.FINISHED_SKIPPED),
  ROLLED_BACK(
      0.02,
      Beat.SAFETY_CHECK,
      Beat.SAFE,
      Beat.BACKUP,
      Beat.BACKED_UP,
      Beat.MIGRATE,
      Beat.MIGRATION_FAILED,
      Beat.ROLLBACK,
      Beat.ROLLED_BACK,
      Beat.FINISHED_ROLLED_BACK),
  RESTORED(
      0.01,
      Beat.SAFETY_CHECK,
      Beat.SAFE,
      Beat.BACKUP,
      Beat.BACKED_UP,
      Beat.MIGRATE,
      Beat.MIGRATED,
      Beat.VERIFY,
      Beat.VERIFICATION_FAILED,
      Beat.RESTORE,
      Beat.RESTORED,
      Beat.FINISHED_ROLLED_BACK);

  /** One event of a device's saga. */
  enum Beat {
    SAFETY_CHECK,
    SAFE,
    UNSAFE_FOR_NOW,
    UNSAFE,
    DEFERRED,
    BACKUP,
    BACKED_UP,
    MIGRATE,
    MIGRATED,
    MIGRATION_FAILED,
    VERIFY,
    VERIFIED,
    VERIFICATION_FAILED,
    ROLLBACK,
    ROLLED_BACK,
    RESTORE,
    RESTORED,
    FINISHED_DONE,
    FINISHED_SKIPPED,
    FINISHED_ROLLED_BACK
  }

  private final double share;
  private final List<Beat> beats;

  DeviceFate(double share, Beat... beats) {
    this.share = share;
    this.beats = List.of(beats);
  }

  List<Beat> beats() {
    return beats;
  }

  static DeviceFate draw(Random random) {
    double x = random.nextDouble();
    for (DeviceFate fate : values()) {
      x -= fate.share;
      if (x < 0) {
        return fate;
      }
    }
    return DONE;
  }
}
