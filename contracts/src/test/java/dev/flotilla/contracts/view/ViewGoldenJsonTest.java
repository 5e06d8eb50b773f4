package dev.flotilla.contracts.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.InvalidMessageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON of every answer of the HTTP API is pinned by a golden file under {@code
 * src/test/resources/golden/view}. Clients (the {@code flotilla} command, dashboards, scripts) read
 * it: a change that alters it fails here. Fields may be added (regenerate with {@code
 * -Dgolden.update=true}); never renamed or removed.
 */
class ViewGoldenJsonTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/view");
  private final ViewCodec codec = new ViewCodec();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<String> goldens() {
    return ViewSamples.ALL.keySet().stream();
  }

  @Test
  void everyAnswerHasASample() {
    assertThat(ViewSamples.ALL.values().stream().map(v -> v.getClass().getName()).distinct())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(View.class.getPermittedSubclasses()).map(Class::getName).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void encodingMatchesTheGoldenFile(String name) throws IOException {
    View sample = ViewSamples.ALL.get(name);
    Path golden = GOLDEN.resolve(name + ".json");
    String encoded = codec.encodePretty(sample) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, encoded, StandardCharsets.UTF_8);
    }
    assertThat(golden).exists();
    assertThat(json.readTree(encoded)).isEqualTo(json.readTree(golden.toFile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void theGoldenFileDecodesToTheSample(String name) throws IOException {
    View sample = ViewSamples.ALL.get(name);
    byte[] golden = Files.readAllBytes(GOLDEN.resolve(name + ".json"));
    assertThat(codec.decode(golden, sample.getClass())).isEqualTo(sample);
  }

  @Test
  void aVersionKeepsItsSpellingThroughAViewAndBack() {
    RolloutDevices decoded =
        codec.decode(codec.encode(ViewSamples.DEVICES_OF_ROLLOUT), RolloutDevices.class);

    assertThat(decoded.devices().get(1).version().toString()).isEqualTo("1.1");
    assertThat(codec.encodeToString(decoded)).contains("\"version\":5,").contains("\"1.1\"");
  }

  @Test
  void fieldsANewerCoordinatorAddsAreSkipped() {
    String newer = "{\"items\": [], \"next\": null, \"total\": 3}";

    assertThat(codec.decode(newer, AuditPage.class))
        .isEqualTo(new AuditPage(java.util.List.of(), null));
  }

  @Test
  void anAnswerOfTheWrongShapeNamesTheField() {
    assertThatThrownBy(
            () -> codec.decode("{\"rollouts\": [{\"rolloutId\": 5}]}", RolloutList.class))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("rollouts[0]");
    assertThatThrownBy(() -> codec.decode("not json", RolloutList.class))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("not valid JSON");
  }
}
