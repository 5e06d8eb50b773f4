package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleUpToTheMaximumAndStartOverAfterAReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofMillis(1000));
    assertThat(backoff.next()).hasMillis(200);
    assertThat(backoff.next()).hasMillis(400);
    assertThat(backoff.next()).hasMillis(800);
    assertThat(backoff.next()).hasMillis(1000);
    assertThat(backoff.next()).hasMillis(1000);
    backoff.reset();
    assertThat(backoff.next()).hasMillis(200);
  }
}
