package dev.flotilla.migration.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into its statements at the semicolons outside strings, quoted identifiers and
 * comments. Meant for verification scripts (queries); trigger bodies with {@code BEGIN ... END} are
 * not split correctly, which is why migrate scripts go to SQLite whole instead.
 */
public final class SqlStatements {
  private SqlStatements() {}

  /** The statements of {@code script}, without their semicolons; comment-only pieces dropped. */
  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean hasCode = false;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = closing(script, i + 1, c);
      } else if (c == '[') {
        end = closing(script, i + 1, ']');
      } else if (c == '-' && script.startsWith("--", i)) {
        int newline = script.indexOf('\n', i);
        end = newline < 0 ? script.length() : newline + 1;
        current.append(script, i, end);
        i = end;
        continue;
      } else if (c == '/' && script.startsWith("/*", i)) {
        int close = script.indexOf("*/", i + 2);
        end = close < 0 ? script.length() : close + 2;
        current.append(script, i, end);
        i = end;
        continue;
      } else if (c == ';') {
        if (hasCode) {
          statements.add(current.toString().strip());
        }
        current.setLength(0);
        hasCode = false;
        i++;
        continue;
      } else {
        end = i + 1;
      }
      hasCode |= !Character.isWhitespace(c);
      current.append(script, i, end);
      i = end;
    }
    if (hasCode) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  /**
   * The index after the quote that closes one opened before {@code from}; doubled quotes escape.
   */
  private static int closing(String script, int from, char quote) {
    int i = from;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (quote != ']' && i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return script.length();
  }
}
