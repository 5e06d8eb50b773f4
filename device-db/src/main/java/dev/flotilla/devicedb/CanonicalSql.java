package dev.flotilla.devicedb;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One spelling for a schema statement as {@code sqlite_master} keeps it, so that two statements
 * SQLite reads alike compare equal: a table rebuilt by an undo script ({@code CREATE TABLE book_old
 * (...)} renamed to {@code "book"}) and the same table as {@code ALTER TABLE ... ADD COLUMN} left
 * it differ only in quoting, letter case and spacing. Whitespace runs become one space and none is
 * kept beside {@code ( ) ,}; identifiers that need no quotes lose them; words are lower-cased
 * (SQLite's keywords and names ignore case). String literals are kept as they are: their case and
 * spacing are data.
 */
final class CanonicalSql {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private CanonicalSql() {}

  static String of(String sql) {
    if (sql == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(sql.length());
    boolean pendingSpace = false;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = !out.isEmpty();
        i++;
        continue;
      }
      int end;
      String token;
      if (c == '\'') {
        end = closing(sql, i, '\'');
        token = sql.substring(i, end);
      } else if (c == '"' || c == '`' || c == '[') {
        end = closing(sql, i, c == '[' ? ']' : c);
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1));
        token =
            PLAIN_NAME.matcher(inner).matches()
                ? inner.toLowerCase(Locale.ROOT)
                : sql.substring(i, end);
      } else {
        end = i + 1;
        token = String.valueOf(c).toLowerCase(Locale.ROOT);
      }
      boolean punctuation = token.length() == 1 && "(),".indexOf(token.charAt(0)) >= 0;
      if (pendingSpace && !punctuation && !endsWithPunctuation(out)) {
        out.append(' ');
      }
      pendingSpace = false;
      out.append(token);
      i = end;
    }
    return out.toString();
  }

  /** The index just past the quote that closes the one at {@code start}; a doubled quote stays. */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static boolean endsWithPunctuation(StringBuilder out) {
    return !out.isEmpty() && "(),".indexOf(out.charAt(out.length() - 1)) >= 0;
  }
}
