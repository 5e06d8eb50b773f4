package dev.flotilla.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.contracts.InvalidMessageException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A migration's version as its folder writes it: {@code 3}, {@code 1.1}, {@code 20240605131359}.
 *
 * <p>Written as whole numbers separated by single dots; Flyway also separates them with {@code _}
 * in file names ({@code V1_1__x.sql}), which is read as a dot. The text is kept as written, leading
 * zeros included ({@code 001}, {@code 1.01}), because that is what users see in their file names
 * and what their tools record in their own history tables. Versions compare as Flyway compares
 * them: numerically part by part, a missing part counting as zero, so {@code 001} equals {@code 1}
 * and {@code 1.0} equals {@code 1}; {@link #equals} agrees with {@link #compareTo}. Parts are
 * unbounded, so 14-digit timestamps compare as numbers.
 *
 * <p>In JSON a version is a number when it is an int written without leading zeros (as every
 * version of a set was before dotted versions), and the string as written otherwise ({@code "1.1"},
 * {@code "001"}, {@code "20240605131359"}); either form is read back.
 */
public final class VersionId implements Comparable<VersionId> {
  private static final String FIELD = "version";

  private static final Pattern SHAPE = Pattern.compile("[0-9]+(?:[._][0-9]+)*");

  /** Before the first version: a database nothing of the set was applied to. */
  public static final VersionId ZERO = of(0);

  private final String text;
  private final List<BigInteger> parts;

  private VersionId(String text, List<BigInteger> parts) {
    this.text = text;
    this.parts = parts;
  }

  /** {@code text} already has the right shape, with dots for separators. */
  private static VersionId written(String text) {
    List<BigInteger> numbers = new ArrayList<>();
    for (String part : text.split("\\.")) {
      numbers.add(new BigInteger(part));
    }
    // 1.0 is 1: trailing zero parts say nothing, as in Flyway.
    while (numbers.size() > 1 && numbers.get(numbers.size() - 1).signum() == 0) {
      numbers.remove(numbers.size() - 1);
    }
    return new VersionId(text, List.copyOf(numbers));
  }

  /**
   * The version written {@code text}: digits, separated by single dots or underscores.
   *
   * @throws InvalidMessageException naming the {@code version} field for anything else (signs,
   *     spaces, letters, empty parts)
   */
  public static VersionId parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new InvalidMessageException(
                    FIELD,
                    text == null
                        ? "is required"
                        : "'"
                            + text
                            + "' is not a version (whole numbers separated by single dots, e.g."
                            + " 3, 1.1 or 20240605131359)"));
  }

  /** Like {@link #parse}, for a name that may not hold a version at all. */
  public static Optional<VersionId> tryParse(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(written(text.replace('_', '.')));
  }

  /** A whole-number version, as sets numbered their versions before dotted ones. */
  public static VersionId of(long version) {
    if (version < 0) {
      throw new InvalidMessageException(FIELD, "must not be negative but was " + version);
    }
    return written(Long.toString(version));
  }

  /**
   * Reads the JSON forms {@link #json()} writes: a whole number, or the text as written. A problem
   * names no field of its own, so the codec names the message field that holds the version.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static VersionId fromJson(JsonNode node) {
    Optional<VersionId> version = Optional.empty();
    if (node != null && node.isIntegralNumber()) {
      version = tryParse(node.bigIntegerValue().toString());
    } else if (node != null && node.isTextual()) {
      version = tryParse(node.textValue());
    }
    return version.orElseThrow(
        () ->
            new InvalidMessageException(
                "", "must be a whole number or a string such as \"1.1\", not " + describe(node)));
  }

  /**
   * The JSON value of this version: an {@link Integer} when {@link #asInt()} writes back exactly
   * this text, else the text. For writers of JSON that do not go through Jackson's binding.
   */
  @JsonValue
  public Object jsonValue() {
    OptionalInt number = asInt();
    if (number.isPresent() && Integer.toString(number.getAsInt()).equals(text)) {
      return number.getAsInt();
    }
    return text;
  }

  /** Whether this is {@link #ZERO}: no version of the set applied. */
  public boolean isZero() {
    return parts.size() == 1 && parts.get(0).signum() == 0;
  }

  /**
   * One spelling per version, for keys that must not tell {@code 001} from {@code 1}: the parts
   * without leading zeros, trailing zero parts dropped ({@code 1.01.0} is {@code 1.1}). A version
   * written plainly ({@code 3}, {@code 1.1}) is its own canonical form.
   */
  public String canonical() {
    StringBuilder canonical = new StringBuilder();
    for (BigInteger part : parts) {
      if (!canonical.isEmpty()) {
        canonical.append('.');
      }
      canonical.append(part);
    }
    return canonical.toString();
  }

  public boolean isAfter(VersionId other) {
    return compareTo(other) > 0;
  }

  public boolean isBefore(VersionId other) {
    return compareTo(other) < 0;
  }

  /** The higher of the two; {@code a} when they are equal. */
  public static VersionId max(VersionId a, VersionId b) {
    return b.compareTo(a) > 0 ? b : a;
  }

  /** Written as one whole number, without dots (of any size: timestamps are integers too). */
  public boolean isInteger() {
    return text.indexOf('.') < 0;
  }

  /** The version as an int, when it {@link #isInteger() is an integer} that fits one. */
  public OptionalInt asInt() {
    if (!isInteger() || parts.get(0).bitLength() >= Integer.SIZE) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(parts.get(0).intValueExact());
  }

  /**
   * The version as a long, when it {@link #isInteger() is an integer} that fits one: how goose,
   * sqlx and golang-migrate store versions.
   */
  public OptionalLong asLong() {
    if (!isInteger() || parts.get(0).bitLength() >= Long.SIZE) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parts.get(0).longValueExact());
  }

  @Override
  public int compareTo(VersionId other) {
    int length = Math.max(parts.size(), other.parts.size());
    for (int i = 0; i < length; i++) {
      int compared = part(i).compareTo(other.part(i));
      if (compared != 0) {
        return compared;
      }
    }
    return 0;
  }

  private BigInteger part(int index) {
    return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
  }

  /** Numerically equal: {@code 1.01}, {@code 1.1} and {@code 01.1.0} are one version. */
  @Override
  public boolean equals(Object other) {
    return other instanceof VersionId version && parts.equals(version.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  /** As written, with {@code _} separators written as dots: {@code 001}, {@code 1.1}. */
  @Override
  public String toString() {
    return text;
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + node;
  }
}
