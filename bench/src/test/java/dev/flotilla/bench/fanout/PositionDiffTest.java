package dev.flotilla.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PositionDiffTest {
  private static long next(PositionDiff diff, String id) {
    byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
    return diff.next(bytes, bytes.length);
  }

  @Test
  void theOnePartitionThatMovedNamesTheEvent() {
    PositionDiff diff = new PositionDiff(new long[] {0, 46, 0});
    assertThat(next(diff, "v2.0.1a.1")).isEqualTo(PositionDiff.key(2, 0));
    assertThat(next(diff, "v2.0.1c.1")).isEqualTo(PositionDiff.key(1, 47));
    assertThat(next(diff, "v2.1.1c.1")).isEqualTo(PositionDiff.key(0, 0));
  }

  @Test
  void partitionsPastTheListAreAtZero() {
    PositionDiff diff = new PositionDiff(new long[] {3});
    assertThat(next(diff, "v2.3.0.0.2")).isEqualTo(PositionDiff.key(3, 1));
  }

  @Test
  void anIdThatMovesTwoPartitionsOrGoesBackNamesNoEvent() {
    PositionDiff diff = new PositionDiff(new long[] {1, 1});
    assertThat(next(diff, "v2.2.2")).isEqualTo(PositionDiff.NONE);
    assertThat(next(diff, "v2.0.1")).isEqualTo(PositionDiff.NONE);
    assertThat(next(diff, "1-5")).isEqualTo(PositionDiff.NONE);
    assertThat(next(diff, "v2.1.2")).isEqualTo(PositionDiff.key(1, 1));
  }
}
