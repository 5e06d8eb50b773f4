package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapWatchTest {
  private static final int MB = 1024 * 1024;

  @Test
  void whatTheWatchedThreadAllocatesIsCounted() {
    HeapWatch watch = HeapWatch.start();
    long allocated = 0;
    for (int i = 0; i < 64; i++) {
      allocated += new byte[MB].length;
    }

    HeapWatch.Usage usage = watch.stop();

    assertThat(usage.allocatedBytes()).isGreaterThanOrEqualTo(allocated);
    assertThat(usage.peakUsedBytes()).isGreaterThanOrEqualTo(usage.usedAtStartBytes());
  }

  @Test
  void whatStaysAliveAcrossACollectionShowsInThePeakLiveHeap() {
    HeapWatch watch = HeapWatch.start();
    List<byte[]> kept = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      kept.add(new byte[MB]);
    }

    System.gc();
    // The collector's notification arrives on a thread of its own.
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.peakLiveBytesSoFar() >= 30L * MB);
    HeapWatch.Usage usage = watch.stop();

    assertThat(kept).hasSize(32);
    assertThat(usage.peakLiveBytes() - usage.usedAtStartBytes()).isGreaterThanOrEqualTo(30L * MB);
    assertThat(usage.peakUsedBytes()).isGreaterThanOrEqualTo(usage.peakLiveBytes());
  }
}
