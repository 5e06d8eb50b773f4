package dev.flotilla.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format of every message type is pinned by a golden file under {@code
 * src/test/resources/golden}. A change that alters the JSON fails here; if it is intended, raise
 * the schema number and regenerate with {@code -Dgolden.update=true}.
 */
class GoldenJsonTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private final MessageCodec codec = new MessageCodec();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<MessageType> types() {
    return MessageTypes.ALL.stream();
  }

  @Test
  void everyRegisteredTypeHasASample() {
    assertThat(Samples.ALL.keySet())
        .containsExactlyInAnyOrderElementsOf(
            MessageTypes.ALL.stream().map(MessageType::javaType).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void encodingMatchesTheGoldenFile(MessageType type) throws IOException {
    Message sample = Samples.ALL.get(type.javaType());
    Path golden = GOLDEN.resolve(type.name() + ".json");
    String encoded = codec.encodePretty(sample) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, encoded, StandardCharsets.UTF_8);
    }
    assertThat(golden).exists();
    assertThat(json.readTree(encoded)).isEqualTo(json.readTree(golden.toFile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theGoldenFileDecodesToTheSample(MessageType type) throws IOException {
    byte[] golden = Files.readAllBytes(GOLDEN.resolve(type.name() + ".json"));
    assertThat(codec.decode(golden, Message.class)).isEqualTo(Samples.ALL.get(type.javaType()));
  }

  /** Every schema older than a type's current one, as {@code (type, schema)}. */
  static Stream<Arguments> olderForms() {
    return MessageTypes.ALL.stream()
        .flatMap(
            type ->
                IntStream.range(1, type.schema()).mapToObj(schema -> Arguments.of(type, schema)));
  }

  @Test
  void everyTypeWhoseSchemaGrewKeepsAGoldenFileOfEachOlderSchema() {
    assertThat(Samples.OLDER.keySet())
        .containsExactlyInAnyOrderElementsOf(
            olderForms().map(form -> (Integer) form.get()[1]).distinct().toList());
    Samples.OLDER.forEach(
        (schema, samples) ->
            assertThat(samples.keySet())
                .as("the types with a schema %d form", schema)
                .containsExactlyInAnyOrderElementsOf(
                    MessageTypes.ALL.stream()
                        .filter(type -> type.schema() > schema)
                        .map(MessageType::javaType)
                        .toList()));
  }

  /** Messages already on the log when their schema grew must still be read, with defaults. */
  @ParameterizedTest(name = "{0} schema {1}")
  @MethodSource("olderForms")
  void anOlderGoldenFileStillDecodes(MessageType type, int schema) throws IOException {
    byte[] golden =
        Files.readAllBytes(GOLDEN.resolve("schema" + schema).resolve(type.name() + ".json"));
    assertThat(json.readTree(golden).get("schema").asInt()).isEqualTo(schema);
    assertThat(codec.decode(golden, Message.class))
        .isEqualTo(Samples.OLDER.get(schema).get(type.javaType()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theWireNameAndSchemaLeadTheObject(MessageType type) throws IOException {
    var tree = json.readTree(codec.encode(Samples.ALL.get(type.javaType())));
    var names = tree.fieldNames();
    assertThat(names.next()).isEqualTo("type");
    assertThat(names.next()).isEqualTo("schema");
    assertThat(tree.get("type").asText()).isEqualTo(type.name());
    assertThat(tree.get("schema").asInt()).isEqualTo(type.schema());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theCompactFormIsThePrettyOneWithoutItsWhitespace(MessageType type) throws IOException {
    Message sample = Samples.ALL.get(type.javaType());
    String pretty = codec.encodePretty(sample);

    // Trees keep their fields' order: written compact, the pretty form's tree is its compact twin.
    assertThat(codec.encodeToString(sample))
        .isEqualTo(json.writeValueAsString(json.readTree(pretty)));
    assertThat(codec.encode(sample))
        .isEqualTo(json.writeValueAsString(json.readTree(pretty)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The hash chain of the events is over the bytes written; a coordinator that read an event back
   * hashes it encoded again. Those bytes must be the same.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void aDecodedMessageEncodesToTheVeryBytesItWasReadFrom(MessageType type) {
    byte[] written = codec.encode(Samples.ALL.get(type.javaType()));

    assertThat(codec.encode(codec.decode(written, Message.class))).isEqualTo(written);
  }
}
