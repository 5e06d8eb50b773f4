package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private final MessageCodec messages = new MessageCodec();
  private final RecordCodec codec = new RecordCodec(messages);

  @Test
  void aValidRecordDecodesWithItsOrigin() {
    PauseRollout pause = Samples.of(PauseRollout.class);
    String key = pause.rolloutId().value();
    RecordCodec.Decoded<ControlCommand> decoded =
        codec.decode(Topics.CONTROL, consumed(key, messages.encode(pause)));
    assertThat(decoded)
        .isEqualTo(new RecordCodec.Valid<>(new Incoming<>(Topics.CONTROL, 2, 41, key, pause)));
  }

  @Test
  void badJsonIsInvalidWithAReason() {
    RecordCodec.Decoded<ControlCommand> decoded =
        codec.decode(Topics.CONTROL, consumed("k", utf8("{not json")));
    assertThat(decoded).isInstanceOf(RecordCodec.Invalid.class);
    assertThat(((RecordCodec.Invalid<ControlCommand>) decoded).reason())
        .startsWith("not a valid ControlCommand: not valid JSON");
  }

  @Test
  void aBadRequestIsNamedByItsOwnTypeOnATopicThatCarriesSeveral() {
    String misspelt =
        "{\"type\":\"UpdateRequest\",\"schema\":1,\"rolloutId\":\"r-1\",\"migrationSet\":\"s\","
            + "\"targetVersion\":2,\"selector\":{\"all\":true},\"policy\":{\"maxInFlite\":3}}";
    String restore = "{\"type\":\"RestoreRequest\",\"schema\":1,\"rolloutId\":\"r-2\"}";

    assertThat(
            ((RecordCodec.Invalid<?>)
                    codec.decode(Topics.UPDATE_REQUESTS, consumed("r-1", utf8(misspelt))))
                .reason())
        .startsWith("not a valid UpdateRequest: policy.maxInFlite");
    assertThat(
            ((RecordCodec.Invalid<?>)
                    codec.decode(Topics.UPDATE_REQUESTS, consumed("r-2", utf8(restore))))
                .reason())
        .startsWith("not a valid RestoreRequest: deviceId");
  }

  @Test
  void aMessageOfAnotherFamilyIsInvalid() {
    String wrong = "{\"type\":\"UpdateRequest\",\"schema\":1}";
    RecordCodec.Decoded<ControlCommand> decoded =
        codec.decode(Topics.CONTROL, consumed("k", utf8(wrong)));
    assertThat(((RecordCodec.Invalid<ControlCommand>) decoded).reason()).contains("type");
  }

  @Test
  void aDeadLetterKeepsKeyBytesAndHeadersAndSaysWhy() {
    ConsumerRecord<byte[], byte[]> original = consumed("r-9", utf8("{oops"));
    original.headers().add("traceparent", utf8("00-abc"));
    ProducerRecord<byte[], byte[]> dead = DeadLetters.of(original, "not valid JSON", "g-1");
    assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTERS.name());
    assertThat(dead.key()).isEqualTo(utf8("r-9"));
    assertThat(dead.value()).isEqualTo(utf8("{oops"));
    assertThat(header(dead, "traceparent")).isEqualTo("00-abc");
    assertThat(header(dead, DeadLetters.REASON)).isEqualTo("not valid JSON");
    assertThat(header(dead, DeadLetters.TOPIC)).isEqualTo(Topics.CONTROL.name());
    assertThat(header(dead, DeadLetters.PARTITION)).isEqualTo("2");
    assertThat(header(dead, DeadLetters.OFFSET)).isEqualTo("41");
    assertThat(header(dead, DeadLetters.GROUP)).isEqualTo("g-1");
  }

  @Test
  void anOutgoingValueMustFitItsTopic() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Topic<Object> raw = (Topic) Topics.EVENTS;
    assertThatThrownBy(() -> Outgoing.to(raw, Samples.of(PauseRollout.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flotilla.events");
  }

  private static ConsumerRecord<byte[], byte[]> consumed(String key, byte[] value) {
    return new ConsumerRecord<>(Topics.CONTROL.name(), 2, 41, utf8(key), value);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
