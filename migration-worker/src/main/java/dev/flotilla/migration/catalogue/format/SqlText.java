package dev.flotilla.migration.catalogue.format;

import java.util.ArrayList;
import java.util.List;

/** Small facts about SQL text that the layouts share. */
final class SqlText {
  private SqlText() {}

  /**
   * Whether {@code sql} holds anything but whitespace and comments ({@code -- …} and {@code /* …
   * *}{@code /}): a script that holds nothing else runs nothing, which is a mistake in an up script
   * (an untouched {@code sqlx migrate add} template is one such).
   */
  static boolean hasStatements(String sql) {
    int i = 0;
    int length = sql.length();
    while (i < length) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int newline = sql.indexOf('\n', i);
        i = newline < 0 ? length : newline + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? length : end + 2;
      } else {
        return true;
      }
    }
    return false;
  }

  /** The lines of a text, without their line ends ({@code \n} or {@code \r\n}). */
  static List<String> lines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    return lines;
  }

  /** Lines joined back into a text, each ended by {@code \n}. */
  static String join(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }
}
