package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPositionTest {

  @Test
  void aPositionIsWrittenAndReadAsPartitionDashOffset() {
    EventPosition position = new EventPosition(3, 1207);

    assertThat(position.toString()).isEqualTo("3-1207");
    assertThat(EventPosition.parse("3-1207")).isEqualTo(position);
    assertThat(EventPosition.parse(" 0-0 ")).isEqualTo(new EventPosition(0, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3", "3-", "-5", "a-1", "1-b", "1--2", "-1-2", "1-2-3", "1_2"})
  void anythingElseIsRefusedWithTheExpectedShape(String text) {
    assertThatThrownBy(() -> EventPosition.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<partition>-<offset>");
  }

  @Test
  void aPositionIsNotAfterItselfNorAfterLaterOffsetsOfItsPartition() {
    EventPosition seen = new EventPosition(2, 10);

    assertThat(new EventPosition(2, 9).notAfter(seen)).isTrue();
    assertThat(new EventPosition(2, 10).notAfter(seen)).isTrue();
    assertThat(new EventPosition(2, 11).notAfter(seen)).isFalse();
    assertThat(new EventPosition(1, 3).notAfter(seen)).isFalse();
  }
}
