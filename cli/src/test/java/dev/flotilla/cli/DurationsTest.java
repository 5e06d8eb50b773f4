package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({"0s, PT0S", "90s, PT1M30S", "30m, PT30M", "12h, PT12H", "7d, PT168H", "PT1H, PT1H"})
  void operatorsWriteDurationsShortOrInIso(String text, Duration expected) {
    assertThat(Durations.parse(text, "--older-than")).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-1d", "1w", "", "PT-1H", "1.5h"})
  void anythingElseIsAnErrorNamingTheOption(String text) {
    assertThatThrownBy(() -> Durations.parse(text, "--older-than"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--older-than")
        .hasMessageContaining("'" + text + "'");
  }
}
