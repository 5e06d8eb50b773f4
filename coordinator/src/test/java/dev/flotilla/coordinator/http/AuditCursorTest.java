package dev.flotilla.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.coordinator.projection.AuditRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCursorTest {
  @Test
  void theNextOfAPageDecodesToTheEntryItEndedAt() {
    AuditRow last =
        new AuditRow(
            "r-2026:a",
            41,
            "rv-1",
            "DeviceFinished",
            Instant.parse("2026-11-22T10:00:00.5Z"),
            "c",
            "s",
            "{}");

    String next = AuditCursor.after(last).encode();

    assertThat(next).matches("[A-Za-z0-9_-]+");
    assertThat(AuditCursor.decode(next))
        .isEqualTo(new AuditCursor(last.occurredAt(), "r-2026:a", 41));
  }

  @Test
  void somethingElseIsABadAfterNamingTheParameter() {
    for (String bad : new String[] {"garbage!", "", "bm90LWEtY3Vyc29y"}) {
      assertThatThrownBy(() -> AuditCursor.decode(bad))
          .isInstanceOfSatisfying(
              Problem.Rejection.class,
              r -> {
                assertThat(r.problem().status()).isEqualTo(400);
                assertThat(r.problem().field()).isEqualTo("after");
              });
    }
  }
}
