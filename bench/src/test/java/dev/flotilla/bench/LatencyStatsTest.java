package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void percentilesOfAHundredValuesAreTheValuesAtThoseRanks() {
    List<Double> values = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      values.add((double) i);
    }
    Collections.shuffle(values);

    assertThat(LatencyStats.of(values))
        .isEqualTo(new LatencyStats(100, 1.0, 50.0, 90.0, 99.0, 100.0));
  }

  @Test
  void everyPercentileIsAValueThatWasMeasured() {
    LatencyStats stats = LatencyStats.of(List.of(7.0, 1.0, 3.0));

    assertThat(stats.p50()).isEqualTo(3.0);
    assertThat(stats.p90()).isEqualTo(7.0);
    assertThat(stats.p99()).isEqualTo(7.0);
  }

  @Test
  void oneValueIsEveryPercentile() {
    assertThat(LatencyStats.of(List.of(4.5)))
        .isEqualTo(new LatencyStats(1, 4.5, 4.5, 4.5, 4.5, 4.5));
  }

  @Test
  void noValuesHaveNoPercentiles() {
    assertThatThrownBy(() -> LatencyStats.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
