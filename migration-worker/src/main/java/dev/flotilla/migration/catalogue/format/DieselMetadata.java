package dev.flotilla.migration.catalogue.format;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diesel migration's {@code metadata.toml}, read as diesel reads it ({@code migrations_internals}
 * TomlMetadata): only the top-level {@code run_in_transaction} key means anything. Without the file
 * a migration runs in a transaction; with a file that lacks the key it does not, since diesel's
 * field defaults to {@code false} when the file is there. Other keys are passed over, as diesel
 * passes them over; a line that is not TOML this reader knows is refused rather than guessed at.
 */
final class DieselMetadata {
  static final String KEY = "run_in_transaction";
  private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_-]+|\"[^\"]*\")\\s*=\\s*(.*)");

  private DieselMetadata() {}

  /**
   * @param line 1-based
   */
  record Problem(int line, String message) {}

  record Reading(boolean runInTransaction, Optional<Problem> problem) {}

  static Reading read(String text) {
    List<String> lines = SqlText.lines(text);
    boolean inTable = false;
    boolean runInTransaction = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = withoutComment(lines.get(i)).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        inTable = true;
        continue;
      }
      Matcher entry = ENTRY.matcher(line);
      if (!entry.matches()) {
        return failed(i + 1, "is not a TOML key = value line");
      }
      String key = entry.group(1).replace("\"", "");
      if (inTable || !key.equals(KEY)) {
        continue;
      }
      String value = entry.group(2).strip();
      if (!value.equals("true") && !value.equals("false")) {
        return failed(i + 1, KEY + " must be true or false, not " + value);
      }
      runInTransaction = value.equals("true");
    }
    return new Reading(runInTransaction, Optional.empty());
  }

  private static String withoutComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static Reading failed(int line, String message) {
    return new Reading(true, Optional.of(new Problem(line, message)));
  }
}
