package dev.flotilla.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.InvalidRecord;
import dev.flotilla.messaging.Outgoing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreadableRequestsTest {
  private static final String REASON = "policy.maxInFlite: is not a field of RolloutPolicy";
  private final UnreadableRequests unreadable =
      new UnreadableRequests(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void aRequestThatNamesItsRolloutIsRejectedUnderThatIdOnItsPartition() {
    List<Outgoing<?>> out =
        unreadable.handle(
            request(
                "{\"type\":\"UpdateRequest\",\"rolloutId\":\"r-typo\",\"requestedBy\":\"ops\","
                    + "\"policy\":{\"maxInFlite\":5}}"));

    assertThat(out).singleElement().satisfies(o -> assertThat(o.topic()).isEqualTo(Topics.CONTROL));
    RejectRequest reject = (RejectRequest) out.get(0).value();
    assertThat(reject.rolloutId()).isEqualTo(RolloutId.of("r-typo"));
    assertThat(reject.reasons()).containsExactly(REASON);
    assertThat(reject.requestedBy()).isEqualTo("ops");
    // The same record handled again (after an aborted transaction) is the same message.
    assertThat(unreadable.handle(request("{\"rolloutId\":\"r-typo\"}")).get(0).value())
        .extracting(v -> ((RejectRequest) v).messageId())
        .isEqualTo(reject.messageId());
  }

  @Test
  void withoutAReadableRolloutIdItStaysADeadLetterOnly() {
    assertThat(unreadable.handle(request("{\"type\":\"UpdateRequest\"}"))).isEmpty();
    assertThat(unreadable.handle(request("{\"rolloutId\":\"not an id!\"}"))).isEmpty();
    assertThat(unreadable.handle(request("{\"rolloutId\": 42}"))).isEmpty();
    assertThat(unreadable.handle(request("not json at all"))).isEmpty();
  }

  @Test
  void onlyRequestsAreRejectedThisWay() {
    InvalidRecord control =
        new InvalidRecord(
            Topics.CONTROL.name(), 0, 3, null, utf8("{\"rolloutId\":\"r-1\"}"), REASON);

    assertThat(unreadable.handle(control)).isEmpty();
  }

  private static InvalidRecord request(String json) {
    return new InvalidRecord(Topics.UPDATE_REQUESTS.name(), 2, 17, null, utf8(json), REASON);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
