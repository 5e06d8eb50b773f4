package dev.flotilla.migration.catalogue.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code <script>.sql.conf} file Flyway reads beside a script ({@code SqlScriptMetadata}):
 * {@code executeInTransaction}, {@code encoding}, {@code placeholderReplacement} and {@code
 * shouldExecute}, in Java properties form. Flyway refuses any other key, and so does this reader;
 * {@code shouldExecute} (decided by Flyway as it runs) and an encoding other than UTF-8 are refused
 * because Flotilla cannot do as Flyway would.
 */
final class FlywayScriptConfig {
  private static final Pattern ENTRY = Pattern.compile("([^=:\\s]+)\\s*[=:]\\s*(.*)");

  private FlywayScriptConfig() {}

  /**
   * @param line 1-based
   */
  record Problem(int line, String message) {}

  /**
   * @param executeInTransaction empty when the file does not say (the script then runs in one)
   */
  record Reading(
      Optional<Boolean> executeInTransaction,
      boolean placeholderReplacement,
      Optional<Problem> problem) {}

  /** A script without a configuration file. */
  static final Reading NONE = new Reading(Optional.empty(), true, Optional.empty());

  static Reading read(String text) {
    Optional<Boolean> executeInTransaction = Optional.empty();
    boolean placeholderReplacement = true;
    List<String> lines = SqlText.lines(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      Matcher entry = ENTRY.matcher(line);
      if (!entry.matches()) {
        return failed(i + 1, "is not a key=value line");
      }
      String key = entry.group(1);
      String value = entry.group(2).strip();
      switch (key) {
        case "executeInTransaction" -> {
          Optional<Boolean> flag = bool(value);
          if (flag.isEmpty()) {
            return failed(i + 1, key + " must be true or false, not " + value);
          }
          executeInTransaction = flag;
        }
        case "placeholderReplacement" -> {
          Optional<Boolean> flag = bool(value);
          if (flag.isEmpty()) {
            return failed(i + 1, key + " must be true or false, not " + value);
          }
          placeholderReplacement = flag.get();
        }
        case "encoding" -> {
          String encoding = value.toUpperCase(Locale.ROOT);
          if (!encoding.equals("UTF-8") && !encoding.equals("UTF8")) {
            return failed(
                i + 1, "encoding " + value + ": Flotilla reads scripts as UTF-8; convert it");
          }
        }
        case "shouldExecute" -> {
          return failed(
              i + 1,
              "shouldExecute has Flyway decide as it runs whether to run the script; Flotilla"
                  + " runs every script of a set");
        }
        default -> {
          return failed(
              i + 1,
              key
                  + " is not a key Flyway takes in a script's configuration (executeInTransaction,"
                  + " encoding, placeholderReplacement, shouldExecute)");
        }
      }
    }
    return new Reading(executeInTransaction, placeholderReplacement, Optional.empty());
  }

  private static Optional<Boolean> bool(String value) {
    if (value.equalsIgnoreCase("true")) {
      return Optional.of(true);
    }
    if (value.equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  private static Reading failed(int line, String message) {
    return new Reading(Optional.empty(), true, Optional.of(new Problem(line, message)));
  }
}
