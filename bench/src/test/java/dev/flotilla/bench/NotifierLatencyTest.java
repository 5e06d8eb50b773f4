package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifierLatencyTest {
  private static final Instant T0 = Instant.parse("2026-11-22T22:00:00Z");

  /** nanoTime 1 000 000 000 is T0 on the wall clock. */
  private static final NotifierLatency.WallAnchor ANCHOR =
      new NotifierLatency.WallAnchor(T0, 1_000_000_000L);

  private static NotifierLatency.Published published(
      String eventId, long sequence, long occurredAtMillis, long readAtMillis) {
    return new NotifierLatency.Published(
        eventId, sequence, T0.plusMillis(occurredAtMillis), nanosAt(readAtMillis));
  }

  private static NotifierLatency.Pushed pushed(String id, Long sequence, long atMillis) {
    return new NotifierLatency.Pushed(id, sequence, nanosAt(atMillis));
  }

  private static long nanosAt(long millisAfterT0) {
    return 1_000_000_000L + millisAfterT0 * 1_000_000L;
  }

  @Test
  void delaysRunFromOccurredAtToEachArrivalOnTheAnchoredClock() {
    NotifierLatencyResult result =
        analyse(
            List.of(published("0-0", 1, 0, 10), published("1-0", 2, 5, 25)),
            List.of(pushed("0-0", 1L, 14), pushed("1-0", 2L, 35)));

    assertThat(result.bareFromOccurredMs().p50()).isCloseTo(10.0, within(1e-9));
    assertThat(result.bareFromOccurredMs().max()).isCloseTo(20.0, within(1e-9));
    assertThat(result.sseFromOccurredMs().p50()).isCloseTo(14.0, within(1e-9));
    assertThat(result.sseFromOccurredMs().max()).isCloseTo(30.0, within(1e-9));
    assertThat(result.sseAfterBareMs().min()).isCloseTo(4.0, within(1e-9));
    assertThat(result.sseAfterBareMs().max()).isCloseTo(10.0, within(1e-9));
    assertThat(result.p50Ratio()).isCloseTo(1.4, within(1e-9));
    assertThat(result.p99Ratio()).isCloseTo(1.5, within(1e-9));
    assertThat(result.missing()).isZero();
  }

  @Test
  void eventsTheSseClientNeverReceivedAreCountedAndNamedInSequenceOrder() {
    NotifierLatencyResult result =
        analyse(
            List.of(
                published("2-7", 3, 0, 10), published("0-0", 1, 0, 10), published("1-4", 2, 0, 10)),
            List.of(pushed("0-0", 1L, 12)));

    assertThat(result.published()).isEqualTo(3);
    assertThat(result.pushed()).isEqualTo(1);
    assertThat(result.missing()).isEqualTo(2);
    assertThat(result.missingIds()).containsExactly("1-4", "2-7");
    assertThat(result.sseFromOccurredMs().count()).isEqualTo(1);
  }

  @Test
  void aClientThatReceivedNothingHasNoDelaysAndNoRatios() {
    NotifierLatencyResult result = analyse(List.of(published("0-0", 1, 0, 10)), List.of());

    assertThat(result.missing()).isEqualTo(1);
    assertThat(result.sseFromOccurredMs()).isNull();
    assertThat(result.sseAfterBareMs()).isNull();
    assertThat(result.p50Ratio()).isNull();
  }

  @Test
  void aFrameReceivedTwiceCountsOnceWithItsFirstArrival() {
    NotifierLatencyResult result =
        analyse(
            List.of(published("0-0", 1, 0, 10)),
            List.of(pushed("0-0", 1L, 12), pushed("0-0", 1L, 50)));

    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(result.sseFromOccurredMs().max()).isCloseTo(12.0, within(1e-9));
  }

  @Test
  void framesOfOtherPositionsOrWithOtherDataAreUnmatchedNotReceived() {
    NotifierLatencyResult result =
        analyse(
            List.of(published("0-0", 1, 0, 10)),
            List.of(pushed("9-9", 1L, 12), pushed("0-0", 2L, 12), pushed("0-0", null, 12)));

    assertThat(result.unmatched()).isEqualTo(3);
    assertThat(result.pushed()).isZero();
    assertThat(result.missing()).isEqualTo(1);
  }

  @Test
  void sequencesTheBareConsumerSkippedAreReportedAsItsOwnGap() {
    NotifierLatencyResult result =
        analyse(
            List.of(published("0-0", 1, 0, 10), published("0-3", 4, 0, 10)),
            List.of(pushed("0-0", 1L, 11), pushed("0-3", 4L, 11)));

    assertThat(result.bareMissing()).isEqualTo(2);
  }

  private static NotifierLatencyResult analyse(
      List<NotifierLatency.Published> published, List<NotifierLatency.Pushed> pushed) {
    return NotifierLatency.analyse("test", "r-1", published, pushed, false, ANCHOR);
  }
}
