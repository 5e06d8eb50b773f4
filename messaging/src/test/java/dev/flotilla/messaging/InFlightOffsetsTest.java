package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InFlightOffsetsTest {
  private static final TopicPartition P = new TopicPartition("flotilla.commands.migrate", 3);

  private final InFlightOffsets offsets = new InFlightOffsets();

  @Test
  void theCommittedOffsetStopsAtTheEarliestUnfinishedRecordAndNamesTheFinishedOnesPastIt() {
    offsets.resume(P, new OffsetAndMetadata(10));
    offsets.take(P, 10);
    offsets.take(P, 11);
    offsets.take(P, 12);

    offsets.finish(P, 11);
    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(10, "done:11"));

    offsets.finish(P, 10);
    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(12, ""));

    offsets.finish(P, 12);
    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(13, ""));
    assertThat(offsets.unfinished()).isZero();
  }

  @Test
  void recordsFinishedPastTheCommittedOffsetAreSkippedWhenReadAgain() {
    offsets.resume(P, new OffsetAndMetadata(10, "done:11,13"));

    assertThat(offsets.take(P, 10)).isTrue();
    assertThat(offsets.take(P, 11)).isFalse();
    assertThat(offsets.take(P, 12)).isTrue();
    assertThat(offsets.take(P, 13)).isFalse();
    assertThat(offsets.unfinished()).isEqualTo(2);

    offsets.finish(P, 12);
    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(10, "done:11,12,13"));
    offsets.finish(P, 10);
    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(14, ""));
  }

  @Test
  void aFinishedRecordNotYetReadAgainStaysNamedUntilTheOffsetPassesIt() {
    offsets.resume(P, new OffsetAndMetadata(10, "done:11"));
    offsets.take(P, 10);
    offsets.finish(P, 10);

    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(11, "done:11"));
  }

  @Test
  void metadataOfAnotherKindOrGarbledMeansNothingWasFinishedAhead() {
    offsets.resume(P, new OffsetAndMetadata(4, ""));
    assertThat(offsets.take(P, 5)).isTrue();

    offsets.resume(P, new OffsetAndMetadata(4, "done:5,x"));
    assertThat(offsets.take(P, 5)).isTrue();

    // Offsets below the committed one are done anyway.
    offsets.resume(P, new OffsetAndMetadata(4, "done:2,6"));
    assertThat(offsets.take(P, 6)).isFalse();
  }

  @Test
  void aPartitionNothingWasTakenFromHasNothingToCommit() {
    offsets.resume(P, null);
    assertThat(offsets.commitPoint(P)).isNull();

    offsets.take(P, 0);
    assertThat(offsets.commitPoint(P)).isEqualTo(new OffsetAndMetadata(0, ""));
  }
}
