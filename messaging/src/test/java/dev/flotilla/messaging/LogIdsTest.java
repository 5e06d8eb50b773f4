package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogIdsTest {
  private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
  private static final VerifyMigration COMMAND =
      new VerifyMigration(
          MessageId.derivedFrom("c"),
          CommandId.of("r-1/rv-0001/verify/4"),
          RolloutId.of("r-1"),
          DeviceId.of("rv-0001"),
          MessageId.derivedFrom("cause"),
          AT,
          AT.plusSeconds(60),
          MigrationSetId.of("coachiq"),
          VersionId.of(5));

  private final Logger handlerLog = (Logger) LoggerFactory.getLogger("a.handler");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void listen() {
    lines.start();
    handlerLog.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    handlerLog.detachAppender(lines);
  }

  @Test
  void whatAHandlerLogsCarriesTheIdsOfTheMessageItHandlesAndNothingAfter() throws Exception {
    RecordProcessor processor =
        new RecordProcessor(
            List.of(Topics.commands(COMMAND.step())),
            incoming -> {
              handlerLog.info("verifying");
              return List.of();
            },
            InvalidRecordHandler.NONE,
            new RecordCodec(new dev.flotilla.contracts.codec.MessageCodec()),
            "g");
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            Topics.commands(COMMAND.step()).name(), 0, 7, new byte[0], new byte[0]);

    processor.handle(
        new Incoming<>(Topics.commands(COMMAND.step()), 0, 7, "rv-0001", COMMAND), record);

    assertThat(lines.list)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.getMDCPropertyMap())
                    .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                            "rollout", "r-1",
                            "device", "rv-0001",
                            "command", "r-1/rv-0001/verify/4")));
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aMessageThatNamesOnlyItsRolloutGivesOnlyThat() {
    assertThat(
            LogIds.of(
                new dev.flotilla.contracts.control.PauseRollout(
                    RolloutId.of("r-2"), "ops", MessageId.derivedFrom("p"), AT)))
        .containsExactly(Map.entry("rollout", "r-2"));
    assertThat(LogIds.of("not a message")).isEmpty();
  }
}
