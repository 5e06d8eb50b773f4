package dev.flotilla.devicedb.foreign;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Flyway's {@code MigrationVersion}: {@code _} is written {@code .} (the form Flyway stores), parts
 * split at dots followed by a digit compare as integers, trailing zero parts do not count, so
 * {@code 1.10 > 1.9} and {@code 1.0 = 1}.
 */
final class FlywayVersion {
  private static final Pattern SPLIT = Pattern.compile("\\.(?=\\d)");

  /** Compares stored version texts as Flyway orders them. */
  static final Comparator<String> ORDER =
      Comparator.comparing(FlywayVersion::parts, FlywayVersion::compare);

  private FlywayVersion() {}

  /** The text Flyway writes in the {@code version} column for a file's version. */
  static String stored(String version) {
    String normal = version.replace('_', '.');
    parts(normal);
    return normal;
  }

  /** True when Flyway reads {@code version} as a valid version. */
  static boolean valid(String version) {
    try {
      parts(version);
      return true;
    } catch (IllegalArgumentException invalid) {
      return false;
    }
  }

  /** The parts Flyway compares, with trailing zeros removed: equal lists are equal versions. */
  static List<BigInteger> parts(String version) {
    String normal = version.replace('_', '.');
    List<BigInteger> parts = new ArrayList<>();
    for (String part : SPLIT.split(normal)) {
      try {
        parts.add(new BigInteger(part));
      } catch (NumberFormatException notDigits) {
        throw new IllegalArgumentException(
            "Flyway versions contain only digits and dots; '" + version + "' does not");
      }
    }
    for (int i = parts.size() - 1; i > 0 && parts.get(i).signum() == 0; i--) {
      parts.remove(i);
    }
    return parts;
  }

  private static int compare(List<BigInteger> left, List<BigInteger> right) {
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      BigInteger a = i < left.size() ? left.get(i) : BigInteger.ZERO;
      BigInteger b = i < right.size() ? right.get(i) : BigInteger.ZERO;
      int compared = a.compareTo(b);
      if (compared != 0) {
        return compared;
      }
    }
    return 0;
  }
}
