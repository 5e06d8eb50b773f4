package dev.flotilla.devicedb.sql;

/**
 * One statement of a script as {@link SqlScanner} found it.
 *
 * @param line the 1-based line of the script where the statement starts
 * @param code the statement without comments or its closing semicolon, each run of whitespace
 *     outside quotes made one space; quoted text is kept as written
 */
public record SqlStatement(int line, String code) {
  /** Whether the code starts with these words, case-insensitively: {@code startsWith("PRAGMA")}. */
  public boolean startsWith(String words) {
    return code.regionMatches(true, 0, words, 0, words.length())
        && (code.length() == words.length() || !SqlScanner.isWordChar(code.charAt(words.length())));
  }
}
