package dev.flotilla.contracts.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flotilla.contracts.InvalidMessageException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionIdTest {
  private final JsonMapper json = JsonMapper.builder().build();

  /** A message-like holder, as a record field is how versions travel. */
  record Holder(VersionId version) {}

  @ParameterizedTest
  @CsvSource({
    "3, 3",
    "001, 001",
    "1.1, 1.1",
    "1_1, 1.1",
    "2013.01.15.11.35.56, 2013.01.15.11.35.56",
    "20240605131359, 20240605131359"
  })
  void keepsTheVersionAsWrittenWithUnderscoresReadAsDots(String written, String shown) {
    assertThat(VersionId.parse(written)).hasToString(shown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v1", "1..2", "1.", ".1", "-1", "+1", "1 2", "1__2", "1a", "１"})
  void refusesAnythingButDigitsBetweenSingleSeparators(String written) {
    assertThat(VersionId.tryParse(written)).isEmpty();
    assertThatThrownBy(() -> VersionId.parse(written))
        .isInstanceOfSatisfying(
            InvalidMessageException.class,
            e -> {
              assertThat(e.field()).isEqualTo("version");
              assertThat(e.problem()).contains("'" + written + "' is not a version");
            });
  }

  @Test
  void comparesNumericallyPartByPartIgnoringLeadingZerosAndTrailingZeroParts() {
    assertThat(VersionId.parse("1.01")).isEqualTo(VersionId.parse("1.1"));
    assertThat(VersionId.parse("001")).isEqualTo(VersionId.parse("1"));
    assertThat(VersionId.parse("1.0.0")).isEqualTo(VersionId.parse("1"));
    assertThat(VersionId.parse("1.0.0")).hasSameHashCodeAs(VersionId.parse("1"));
    assertThat(VersionId.parse("1.0.1")).isNotEqualTo(VersionId.parse("1.1"));
    assertThat(VersionId.parse("0")).isEqualTo(VersionId.parse("0.0"));

    List<VersionId> versions = new ArrayList<>();
    for (String text : List.of("10", "9", "1.10", "1.9", "1.2.3", "2", "1", "0.5")) {
      versions.add(VersionId.parse(text));
    }
    Collections.sort(versions);

    assertThat(versions)
        .extracting(VersionId::toString)
        .containsExactly("0.5", "1", "1.2.3", "1.9", "1.10", "2", "9", "10");
  }

  @Test
  void timestampsBeyondALongStillCompareAsNumbers() {
    VersionId timestamp = VersionId.parse("20240605131359");
    VersionId huge = VersionId.parse("123456789012345678901234567890");

    assertThat(timestamp).isLessThan(VersionId.parse("20240605131400"));
    assertThat(timestamp).isGreaterThan(VersionId.parse("2024060513135"));
    assertThat(huge).isGreaterThan(timestamp);
    assertThat(huge.isInteger()).isTrue();
    assertThat(huge.asLong()).isEmpty();
  }

  @Test
  void anIntegerFittingAnIntIsOneTheWireHasAlwaysCarried() {
    assertThat(VersionId.parse("42").asInt()).isEqualTo(OptionalInt.of(42));
    assertThat(VersionId.parse("0042").asInt()).isEqualTo(OptionalInt.of(42));
    assertThat(VersionId.parse("2147483647").asInt()).isEqualTo(OptionalInt.of(Integer.MAX_VALUE));
    assertThat(VersionId.parse("2147483648").asInt()).isEmpty();
    assertThat(VersionId.parse("20240605131359").isInteger()).isTrue();
    assertThat(VersionId.parse("20240605131359").asInt()).isEmpty();
    assertThat(VersionId.parse("20240605131359").asLong())
        .isEqualTo(OptionalLong.of(20240605131359L));
    assertThat(VersionId.parse("1.0").isInteger()).isFalse();
    assertThat(VersionId.parse("1.0").asInt()).isEmpty();
    assertThat(VersionId.of(7)).isEqualTo(VersionId.parse("7")).hasToString("7");
    assertThatThrownBy(() -> VersionId.of(-1)).isInstanceOf(InvalidMessageException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "3 | 3",
        "2147483647 | 2147483647",
        "2147483648 | \"2147483648\"",
        "20240605131359 | \"20240605131359\"",
        "001 | \"001\"",
        "1.1 | \"1.1\"",
        "1_1 | \"1.1\"",
        "1.0 | \"1.0\""
      })
  void travelsAsANumberWhenItIsAPlainIntAndAsItsTextOtherwise(String written, String encoded)
      throws Exception {
    Holder holder = new Holder(VersionId.parse(written));

    String text = json.writeValueAsString(holder);
    Holder read = json.readValue(text, Holder.class);

    assertThat(text).isEqualTo("{\"version\":" + encoded + "}");
    assertThat(read).isEqualTo(holder);
    assertThat(read.version()).hasToString(holder.version().toString());
  }

  @Test
  void readsAWholeNumberOfAnySizeAndRefusesOtherJson() throws Exception {
    assertThat(json.readValue("{\"version\":20240605131359}", Holder.class).version())
        .hasToString("20240605131359");

    for (String bad : List.of("-1", "1.5", "true", "[1]", "\"v1\"")) {
      assertThatThrownBy(() -> json.readValue("{\"version\":" + bad + "}", Holder.class))
          .hasRootCauseInstanceOf(InvalidMessageException.class)
          .rootCause()
          .hasMessageContaining("must be a whole number or a string such as \"1.1\"");
    }
  }
}
