package dev.flotilla.contracts;

import dev.flotilla.contracts.catalogue.VersionId;
import java.util.List;
import java.util.regex.Pattern;

/** Validation used by the compact constructors of the records; each failure names its field. */
public final class Check {
  private Check() {}

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidMessageException(field, "is required");
    }
    return value;
  }

  /** The longest {@code requestedBy}: the audit shows it on every event it names. */
  public static final int MAX_REQUESTER = 256;

  /**
   * Who asked for a request or command: {@code unknown} when it does not say, at most {@value
   * #MAX_REQUESTER} characters.
   */
  public static String requester(String value) {
    if (value == null || value.isBlank()) {
      return "unknown";
    }
    if (value.length() > MAX_REQUESTER) {
      throw new InvalidMessageException(
          "requestedBy", "at most " + MAX_REQUESTER + " characters, got " + value.length());
    }
    return value;
  }

  public static String notBlank(String value, String field) {
    if (required(value, field).isBlank()) {
      throw new InvalidMessageException(field, "must not be blank");
    }
    return value;
  }

  public static String matches(String value, Pattern pattern, String field, String expected) {
    if (!pattern.matcher(required(value, field)).matches()) {
      throw new InvalidMessageException(field, "'" + value + "' is not " + expected);
    }
    return value;
  }

  public static int atLeast(int value, int minimum, String field) {
    if (value < minimum) {
      throw new InvalidMessageException(field, "must be at least " + minimum + " but was " + value);
    }
    return value;
  }

  public static long atLeast(long value, long minimum, String field) {
    if (value < minimum) {
      throw new InvalidMessageException(field, "must be at least " + minimum + " but was " + value);
    }
    return value;
  }

  /** A version of a set: present, and above {@link VersionId#ZERO}. */
  public static VersionId version(VersionId value, String field) {
    if (required(value, field).isZero()) {
      throw new InvalidMessageException(field, "must be a version above 0 but was " + value);
    }
    return value;
  }

  /** An immutable copy; a missing list is empty, a null element is an error. */
  public static <T> List<T> list(List<T> values, String field) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new InvalidMessageException(field + "[" + i + "]", "must not be null");
      }
    }
    return List.copyOf(values);
  }

  public static <T> List<T> nonEmptyList(List<T> values, String field) {
    List<T> copy = list(required(values, field), field);
    if (copy.isEmpty()) {
      throw new InvalidMessageException(field, "must not be empty");
    }
    return copy;
  }
}
