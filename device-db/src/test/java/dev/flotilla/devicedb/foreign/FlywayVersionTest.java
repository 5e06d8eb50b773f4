package dev.flotilla.devicedb.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FlywayVersionTest {
  @Test
  void storesUnderscoresAsDots() {
    assertThat(FlywayVersion.stored("1_1")).isEqualTo("1.1");
    assertThat(FlywayVersion.stored("2024.01.31_1")).isEqualTo("2024.01.31.1");
  }

  @Test
  void ordersPartsAsNumbersAndIgnoresTrailingZeros() {
    assertThat(Stream.of("1.10", "2", "1.9", "1.0.1", "1").sorted(FlywayVersion.ORDER).toList())
        .containsExactly("1", "1.0.1", "1.9", "1.10", "2");
    assertThat(FlywayVersion.ORDER.compare("1.0", "1")).isZero();
    assertThat(FlywayVersion.parts("1.0.0")).isEqualTo(FlywayVersion.parts("1"));
    assertThat(FlywayVersion.parts("1.2")).isNotEqualTo(FlywayVersion.parts("1.20"));
  }

  @Test
  void rejectsWhatFlywayRejects() {
    assertThat(FlywayVersion.valid("1.a")).isFalse();
    assertThatThrownBy(() -> FlywayVersion.stored("v1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
