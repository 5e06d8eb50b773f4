package dev.flotilla.cli.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.id.DeviceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DrivingScheduleTest {
  private static final List<DeviceId> FLEET =
      IntStream.rangeClosed(1, 40).mapToObj(i -> DeviceId.of("rv-%04d".formatted(i))).toList();
  private static final Duration SHORTEST = Duration.ofSeconds(5);
  private static final Duration LONGEST = Duration.ofSeconds(20);

  @Test
  void theSharePicksThatManyDevicesRoundedUpEachDrivingWithinTheBounds() {
    DrivingSchedule schedule = DrivingSchedule.random(FLEET, 12, SHORTEST, LONGEST, 7);

    assertThat(schedule.driveTimes()).hasSize(5); // 12 % of 40 = 4.8
    assertThat(schedule.driveTimes().values())
        .allSatisfy(time -> assertThat(time).isBetween(SHORTEST, LONGEST));
    assertThat(FLEET).containsAll(schedule.driveTimes().keySet());
  }

  @Test
  void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
    assertThat(DrivingSchedule.random(FLEET, 25, SHORTEST, LONGEST, 7))
        .isEqualTo(DrivingSchedule.random(FLEET, 25, SHORTEST, LONGEST, 7))
        .isNotEqualTo(DrivingSchedule.random(FLEET, 25, SHORTEST, LONGEST, 8));
  }

  @Test
  void aDrivingDeviceReportsMovingUntilItsDriveTimeThenParked() {
    DrivingSchedule schedule = DrivingSchedule.random(FLEET, 10, SHORTEST, LONGEST, 3);
    DeviceId driver = schedule.driveTimes().keySet().iterator().next();
    Duration driveTime = schedule.driveTimes().get(driver);

    assertThat(schedule.conditionsAt(driver, Duration.ZERO).parked()).isFalse();
    assertThat(schedule.conditionsAt(driver, driveTime.minusMillis(1)).parked()).isFalse();
    assertThat(schedule.conditionsAt(driver, driveTime)).isEqualTo(DeviceConditions.IDLE);
  }

  @Test
  void devicesNotChosenAreParkedFromTheStart() {
    DrivingSchedule schedule = DrivingSchedule.random(FLEET, 10, SHORTEST, LONGEST, 3);

    assertThat(FLEET)
        .filteredOn(device -> !schedule.driveTimes().containsKey(device))
        .hasSize(36)
        .allSatisfy(
            device ->
                assertThat(schedule.conditionsAt(device, Duration.ZERO))
                    .isEqualTo(DeviceConditions.IDLE));
  }

  @Test
  void everyDriverParksInExactlyOneWindowAndTheLastParkingEndsTheSchedule() {
    DrivingSchedule schedule = DrivingSchedule.random(FLEET, 50, SHORTEST, LONGEST, 11);
    Duration step = Duration.ofMillis(250);
    List<DeviceId> parked = new ArrayList<>();
    for (Duration from = Duration.ZERO;
        from.compareTo(schedule.lastParking()) < 0;
        from = from.plus(step)) {
      parked.addAll(schedule.parkingBetween(from, from.plus(step)));
    }

    assertThat(parked).containsExactlyInAnyOrderElementsOf(schedule.driveTimes().keySet());
    assertThat(schedule.lastParking())
        .isEqualTo(schedule.driveTimes().values().stream().max(Duration::compareTo).get());
  }

  @Test
  void noDriverMeansNothingToWaitFor() {
    DrivingSchedule schedule = DrivingSchedule.random(FLEET, 0, SHORTEST, LONGEST, 1);

    assertThat(schedule.driveTimes()).isEmpty();
    assertThat(schedule.lastParking()).isZero();
  }

  @Test
  void impossibleSharesAndDriveTimesAreRefused() {
    assertThatThrownBy(() -> DrivingSchedule.random(FLEET, 101, SHORTEST, LONGEST, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percentDriving");
    assertThatThrownBy(() -> DrivingSchedule.random(FLEET, 10, LONGEST, SHORTEST, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shortest <= longest");
  }
}
