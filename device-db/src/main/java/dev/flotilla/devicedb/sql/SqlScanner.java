package dev.flotilla.devicedb.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a SQLite script into its statements, with the line each starts on, the way SQLite itself
 * reads it: semicolons inside strings, quoted identifiers and comments do not end a statement, and
 * neither do those inside the {@code BEGIN ... END} body of a {@code CREATE TRIGGER} (where {@code
 * CASE ... END} nests). For reading what a script does (push-time warnings, table renames); the
 * script itself always goes to SQLite whole.
 */
public final class SqlScanner {
  /**
   * A fleet's devices all run the same few scripts, and every migration and verification reads
   * them: each is scanned once. Bounded, as a long-running worker sees new sets pushed.
   */
  private static final int MAX_REMEMBERED = 1024;

  private static final Map<String, List<SqlStatement>> SCANNED = new ConcurrentHashMap<>();

  private SqlScanner() {}

  public static List<SqlStatement> statements(String script) {
    List<SqlStatement> scanned = SCANNED.get(script);
    if (scanned != null) {
      return scanned;
    }
    scanned = List.copyOf(new Scan(script).run());
    if (SCANNED.size() >= MAX_REMEMBERED) {
      SCANNED.clear();
    }
    SCANNED.put(script, scanned);
    return scanned;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The state of one pass over a script. */
  private static final class Scan {
    private final String script;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final StringBuilder code = new StringBuilder();
    private final List<String> leadingWords = new ArrayList<>();
    private int line = 1;
    private int startLine;
    private boolean trigger;
    private int depth;

    Scan(String script) {
      this.script = script;
    }

    List<SqlStatement> run() {
      int i = 0;
      while (i < script.length()) {
        char c = script.charAt(i);
        if (c == '-' && script.startsWith("--", i)) {
          int newline = script.indexOf('\n', i);
          i = newline < 0 ? script.length() : newline;
          space();
        } else if (c == '/' && script.startsWith("/*", i)) {
          int close = script.indexOf("*/", i + 2);
          int end = close < 0 ? script.length() : close + 2;
          countLines(i, end);
          i = end;
          space();
        } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
          int end = closingQuote(i + 1, c == '[' ? ']' : c);
          begin();
          code.append(script, i, end);
          countLines(i, end);
          i = end;
        } else if (isWordChar(c)) {
          int end = i;
          while (end < script.length() && isWordChar(script.charAt(end))) {
            end++;
          }
          begin();
          String word = script.substring(i, end);
          code.append(word);
          word(word.toUpperCase(Locale.ROOT));
          i = end;
        } else if (c == ';') {
          if (trigger && depth > 0) {
            code.append(c);
          } else {
            end();
          }
          i++;
        } else if (Character.isWhitespace(c)) {
          if (c == '\n') {
            line++;
          }
          space();
          i++;
        } else {
          begin();
          code.append(c);
          i++;
        }
      }
      end();
      return List.copyOf(statements);
    }

    private void word(String upper) {
      if (leadingWords.size() < 3) {
        leadingWords.add(upper);
        trigger =
            trigger
                || leadingWords.equals(List.of("CREATE", "TRIGGER"))
                || leadingWords.equals(List.of("CREATE", "TEMP", "TRIGGER"))
                || leadingWords.equals(List.of("CREATE", "TEMPORARY", "TRIGGER"));
      }
      if (!trigger) {
        return;
      }
      switch (upper) {
        case "BEGIN", "CASE" -> depth++;
        case "END" -> depth = Math.max(0, depth - 1);
        default -> {}
      }
    }

    private void begin() {
      if (code.length() == 0) {
        startLine = line;
      }
    }

    private void space() {
      if (code.length() > 0 && code.charAt(code.length() - 1) != ' ') {
        code.append(' ');
      }
    }

    private void end() {
      String text = code.toString().strip();
      if (!text.isEmpty()) {
        statements.add(new SqlStatement(startLine, text));
      }
      code.setLength(0);
      leadingWords.clear();
      trigger = false;
      depth = 0;
    }

    private void countLines(int from, int to) {
      for (int i = from; i < to; i++) {
        if (script.charAt(i) == '\n') {
          line++;
        }
      }
    }

    /** The index after the quote closing one opened before {@code from}; doubling escapes. */
    private int closingQuote(int from, char quote) {
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
}
