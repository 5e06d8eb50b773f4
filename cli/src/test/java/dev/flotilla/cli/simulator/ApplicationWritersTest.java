package dev.flotilla.cli.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApplicationWritersTest {
  private static final List<DeviceId> FLEET = fleet(30);
  private static final Set<DeviceId> BROKEN = Set.of(DeviceId.of("rv-0030"));

  @Test
  void theShareIsRoundedUpNeverTheBrokenNorADriverWhileOthersRemain() {
    Set<DeviceId> drivers = Set.copyOf(FLEET.subList(0, 20));

    List<DeviceId> writers = ApplicationWriters.choose(FLEET, 10, BROKEN, drivers, 42);

    assertThat(writers)
        .hasSize(3)
        .doesNotContainAnyElementsOf(drivers)
        .doesNotContain(DeviceId.of("rv-0030"));
    assertThat(ApplicationWriters.choose(fleet(20), 1, Set.of(), Set.of(), 42)).hasSize(1);
  }

  @Test
  void driversWriteOnlyWhenTooFewOthersRemainAndTheBrokenNever() {
    Set<DeviceId> drivers = Set.copyOf(FLEET.subList(0, 27));

    List<DeviceId> writers = ApplicationWriters.choose(FLEET, 100, BROKEN, drivers, 42);

    assertThat(writers).hasSize(29).doesNotContain(DeviceId.of("rv-0030"));
    assertThat(ApplicationWriters.choose(FLEET, 10, BROKEN, drivers, 42))
        .hasSize(3)
        .containsAll(FLEET.subList(27, 29));
  }

  @Test
  void zeroPercentMeansNoWriterAndTheSameSeedTheSameWriters() {
    assertThat(ApplicationWriters.choose(FLEET, 0, BROKEN, Set.of(), 42)).isEmpty();
    assertThat(ApplicationWriters.choose(FLEET, 20, BROKEN, Set.of(), 42))
        .isEqualTo(ApplicationWriters.choose(FLEET, 20, BROKEN, Set.of(), 42))
        .isSortedAccordingTo(DeviceId::compareTo);
  }

  private static List<DeviceId> fleet(int size) {
    return IntStream.rangeClosed(1, size)
        .mapToObj(i -> DeviceId.of("rv-%04d".formatted(i)))
        .toList();
  }
}
