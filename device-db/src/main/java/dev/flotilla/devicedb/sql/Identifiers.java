package dev.flotilla.devicedb.sql;

import java.util.Locale;

/** SQLite identifiers as written in scripts, and the one form they are compared in. */
public final class Identifiers {
  private Identifiers() {}

  /**
   * The name an identifier token stands for, quotes removed ({@code "a""b"}, {@code `x`}, {@code
   * [x]}), in lower case: SQLite compares table names without regard to ASCII case.
   */
  public static String name(String token) {
    String name = token;
    if (token.length() >= 2) {
      char first = token.charAt(0);
      char last = token.charAt(token.length() - 1);
      if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
        String inner = token.substring(1, token.length() - 1);
        name = inner.replace(String.valueOf(first) + first, String.valueOf(first));
      } else if (first == '[' && last == ']') {
        name = token.substring(1, token.length() - 1);
      }
    }
    return normal(name);
  }

  /** The comparable form of a table name. */
  public static String normal(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@code name} quoted for use in SQL text. */
  public static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
