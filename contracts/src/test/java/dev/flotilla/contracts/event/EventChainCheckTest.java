package dev.flotilla.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventChainCheckTest {
  private static final RolloutId ROLLOUT = RolloutId.of("r-chain");
  private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");

  private final MessageCodec codec = new MessageCodec();

  /** A record as the log holds it: its value and the header it was written with. */
  private record Written(RolloutEvent event, byte[] value, String previous) {}

  @Test
  void aChainWrittenAsTheCoordinatorWritesItHoldsAndEndsAtTheLastEventsHash() {
    List<Written> log = chained(4);

    EventChainCheck.Report report = check(log);

    assertThat(report.intact()).isTrue();
    assertThat(report.events()).isEqualTo(4);
    assertThat(report.heads()).containsEntry(ROLLOUT, EventChain.sha256(log.get(3).value()));
  }

  @Test
  void anEditedEventIsCaughtAtTheEventAfterIt() {
    List<Written> log = chained(4);
    Written second = log.get(1);
    byte[] edited =
        new String(second.value(), StandardCharsets.UTF_8)
            .replace("\"ops\"", "\"someone-else\"")
            .getBytes(StandardCharsets.UTF_8);
    log.set(1, new Written(codec.decode(edited, RolloutEvent.class), edited, second.previous()));

    EventChainCheck.BrokenLink broken = check(log).broken().get(0);

    assertThat(broken.sequence()).isEqualTo(3);
    assertThat(broken.at()).isEqualTo(new EventChainCheck.Position(0, 2));
    assertThat(broken.problem()).contains("previous event (#2, partition 0 offset 1)");
  }

  @Test
  void aRemovedOrRepeatedEventIsCaught() {
    List<Written> removed = chained(4);
    removed.remove(1);
    assertThat(check(removed).broken())
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).isEqualTo("sequence jumps from 1 to 3"));

    List<Written> repeated = chained(3);
    repeated.add(2, repeated.get(1));
    assertThat(check(repeated).broken())
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).isEqualTo("sequence 2 again after 2"));
  }

  @Test
  void aHeaderTakenAwayAfterTheChainBeganOrAForgedFirstLinkIsCaught() {
    List<Written> stripped = chained(3);
    Written third = stripped.get(2);
    stripped.set(2, new Written(third.event(), third.value(), null));
    assertThat(check(stripped).broken())
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).startsWith("no chain header"));

    List<Written> forged = chained(2);
    Written first = forged.get(0);
    forged.set(0, new Written(first.event(), first.value(), EventChain.sha256(new byte[] {1})));
    assertThat(check(forged).broken())
        .singleElement()
        .satisfies(b -> assertThat(b.problem()).contains("does not start a chain"));
  }

  @Test
  void eventsWrittenBeforeChainsExistedAreCountedAndTheChainGoesOnFromTheLastOfThem() {
    List<Written> log = chained(4);
    // The first two were written by a coordinator that knew no chains.
    log.set(0, new Written(log.get(0).event(), log.get(0).value(), null));
    log.set(1, new Written(log.get(1).event(), log.get(1).value(), null));

    EventChainCheck.Report report = check(log);

    assertThat(report.intact()).isTrue();
    assertThat(report.unchained()).isEqualTo(2);
  }

  private EventChainCheck.Report check(List<Written> log) {
    EventChainCheck check = new EventChainCheck();
    for (int offset = 0; offset < log.size(); offset++) {
      Written w = log.get(offset);
      check.accept(new EventChainCheck.Position(0, offset), w.event(), w.previous(), w.value());
    }
    return check.report();
  }

  /** Events 1..n of one rollout, each written with the hash of the one before, as they are. */
  private List<Written> chained(int n) {
    List<Written> log = new ArrayList<>();
    String previous = EventChain.ROOT;
    for (int sequence = 1; sequence <= n; sequence++) {
      MessageId id = MessageId.derivedFrom("e" + sequence);
      RolloutEvent event =
          sequence % 2 == 1
              ? new RolloutPaused(id, ROLLOUT, sequence, id, AT, "ops")
              : new RolloutResumed(id, ROLLOUT, sequence, id, AT, "ops");
      byte[] value = codec.encode(event);
      log.add(new Written(event, value, previous));
      previous = EventChain.sha256(value);
    }
    return log;
  }
}
