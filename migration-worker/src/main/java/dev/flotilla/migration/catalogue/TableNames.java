package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Table names as people write them in a {@code -- flotilla:allows-row-loss} line or a {@code
 * --allow-row-loss} option: separated by commas and/or spaces, quoted the way SQLite quotes
 * identifiers ({@code "audit log"}, {@code `x`}, {@code [x]}), {@value MigrationScript#ANY_TABLE}
 * for any table. Names come back in the form the row guard compares them in ({@link
 * Identifiers#name}).
 */
final class TableNames {
  /** What SQLite takes as an identifier without quotes. */
  private static final Pattern BARE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

  private static final String HOW_TO =
      "; separate names with commas or spaces and quote names with other characters, e.g."
          + " \"audit-log\"";

  /** A list that cannot be read; the message says why, without naming where it came from. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private TableNames() {}

  static List<String> parse(String text) throws Malformed {
    List<String> tables = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isSeparator(c)) {
        i++;
        continue;
      }
      int end = c == '"' || c == '`' || c == '[' ? closingQuote(text, i) : bareEnd(text, i);
      String token = text.substring(i, end);
      if (end < text.length() && !isSeparator(text.charAt(end))) {
        throw new Malformed("'" + token + text.charAt(end) + "...' is not a table name" + HOW_TO);
      }
      tables.add(name(token));
      i = end;
    }
    if (tables.isEmpty()) {
      throw new Malformed("names no table; write the tables, e.g. messages, sessions (or *)");
    }
    return List.copyOf(tables);
  }

  private static String name(String token) throws Malformed {
    if (token.equals(MigrationScript.ANY_TABLE)) {
      return MigrationScript.ANY_TABLE;
    }
    char first = token.charAt(0);
    if (first == '"' || first == '`' || first == '[') {
      String name = Identifiers.name(token);
      if (name.isBlank()) {
        throw new Malformed(token + " is an empty table name");
      }
      return name;
    }
    if (!BARE.matcher(token).matches()) {
      throw new Malformed("'" + token + "' is not a table name" + HOW_TO);
    }
    return Identifiers.name(token);
  }

  private static boolean isSeparator(char c) {
    return c == ',' || Character.isWhitespace(c);
  }

  private static int bareEnd(String text, int from) {
    int end = from;
    while (end < text.length() && !isSeparator(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** The index after the quote that closes the one at {@code open}; doubled quotes escape. */
  private static int closingQuote(String text, int open) throws Malformed {
    char quote = text.charAt(open) == '[' ? ']' : text.charAt(open);
    int i = open + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (quote != ']' && i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new Malformed(text.substring(open) + " has no closing " + quote);
  }
}
