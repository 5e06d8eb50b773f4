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
public record FleetControl(
    int wave,
    int waveLimit,
    int awaitingWave,
    boolean paused,
    boolean halted,
    boolean aborted,
    int acceptedFailures) {

  public static final FleetControl NONE = new FleetControl(0, 0, 0, false, false, false, 0);

  /** New devices (and deferred ones) may start their saga now. */
  public boolean admitsDevices() {
    return !paused && !halted && !aborted && awaitingWave == 0;
  }

  FleetControl startingWave(int number, int size) {
    return new FleetControl(number, waveLimit + size, 0, paused, halted, aborted, acceptedFailures);
  }

  FleetControl awaitingApprovalOf(int number) {
    return new FleetControl(wave, waveLimit, number, paused, halted, aborted, acceptedFailures);
  }

  FleetControl approving() {
    return new FleetControl(wave, waveLimit, 0, paused, halted, aborted, acceptedFailures);
  }

  FleetControl pausing(boolean value) {
    return new FleetControl(
        wave, waveLimit, awaitingWave, value, halted, aborted, acceptedFailures);
  }

  FleetControl resuming(int failuresNow) {
    return new FleetControl(wave, waveLimit, awaitingWave, false, false, aborted, failuresNow);
  }

  FleetControl halting() {
    return new FleetControl(wave, waveLimit, awaitingWave, paused, true, aborted, acceptedFailures);
  }

  FleetControl aborting() {
    return new FleetControl(wave, waveLimit, 0, paused, halted, true, acceptedFailures);
  }
}
