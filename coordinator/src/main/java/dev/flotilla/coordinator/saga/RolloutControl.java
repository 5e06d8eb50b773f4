package dev.flotilla.coordinator.saga;

/**
 * How a running rollout is steered: which wave it is in and what holds it back.
 *
 * @param wave the current wave, 1-based (0 before the first)
 * @param waveLimit how many devices (in selection order) the waves so far let start
 * @param awaitingWave the wave waiting for an operator's approval, or 0
 * @param paused an operator paused it
 * @param halted the failure threshold stopped it
 * @param aborted it was stopped for good
 * @param acceptedFailures failures an operator accepted by resuming a halted rollout; only failures
 *     beyond these can halt it again
 */
public record RolloutControl(
    int wave,
    int waveLimit,
    int awaitingWave,
    boolean paused,
    boolean halted,
    boolean aborted,
    int acceptedFailures) {

  public static final RolloutControl NONE = new RolloutControl(0, 0, 0, false, false, false, 0);

  /** New devices (and deferred ones) may start their saga now. */
  public boolean admitsDevices() {
    return !paused && !halted && !aborted && awaitingWave == 0;
  }

  RolloutControl startingWave(int number, int size) {
    return new RolloutControl(
        number, waveLimit + size, 0, paused, halted, aborted, acceptedFailures);
  }

  RolloutControl awaitingApprovalOf(int number) {
    return new RolloutControl(wave, waveLimit, number, paused, halted, aborted, acceptedFailures);
  }

  RolloutControl approving() {
    return new RolloutControl(wave, waveLimit, 0, paused, halted, aborted, acceptedFailures);
  }

  RolloutControl pausing(boolean value) {
    return new RolloutControl(
        wave, waveLimit, awaitingWave, value, halted, aborted, acceptedFailures);
  }

  RolloutControl resuming(int failuresNow) {
    return new RolloutControl(wave, waveLimit, awaitingWave, false, false, aborted, failuresNow);
  }

  RolloutControl halting() {
    return new RolloutControl(
        wave, waveLimit, awaitingWave, paused, true, aborted, acceptedFailures);
  }

  RolloutControl aborting() {
    return new RolloutControl(wave, waveLimit, 0, paused, halted, true, acceptedFailures);
  }
}
