package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.devicedb.sql.SqlScanner;
import dev.flotilla.devicedb.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the statements of a V or U script that do nothing, or fail, in the transaction Flotilla
 * runs each version in: Flotilla owns that transaction (so {@code BEGIN}, {@code COMMIT}, {@code
 * END} and {@code ROLLBACK} fail or end it early), switches foreign keys off around it and runs
 * {@code PRAGMA foreign_key_check} before its commit (so {@code PRAGMA foreign_keys} does nothing),
 * and some statements cannot run in a transaction at all ({@code VACUUM}, {@code ATTACH}, {@code
 * DETACH}, a change of {@code journal_mode}, and so {@code page_size} and {@code auto_vacuum},
 * which need a {@code VACUUM}). A script marked {@code -- flotilla:no-transaction} runs outside it:
 * there only what Flotilla still does itself, or what still needs a missing {@code VACUUM}, is
 * told. C and P scripts only read and are not looked at.
 *
 * <p>Pure: it reads the script's text with {@link SqlScanner}, so a trigger body's {@code END} is
 * not taken for a {@code COMMIT}.
 */
public final class TransactionLint {
  private static final String IN_TRANSACTION =
      "inside the transaction Flotilla runs each version in";
  private static final String LEAVE_OUT =
      "Flotilla begins and commits that transaction itself, so leave transaction statements out";
  private static final String ON_ITS_OWN =
      "put it in a script of its own whose first line is -- flotilla:no-transaction";

  /** {@code PRAGMA [schema.]name [= value | (value)]}, the name perhaps quoted. */
  private static final Pattern PRAGMA =
      Pattern.compile(
          "PRAGMA\\s+(?:[\\w\"`\\[\\]]+\\s*\\.\\s*)?[\"`\\[]?(\\w+)[\"`\\]]?\\s*([=(])?.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Longer statements are cut to this many characters in warnings. */
  private static final int SHOWN = 60;

  private TransactionLint() {}

  /** The warnings about {@code script}, read from file {@code file}, in line order. */
  public static List<ScriptWarning> check(String file, MigrationScript script) {
    return check(file, 1, script);
  }

  /**
   * Like {@link #check(String, MigrationScript)} for a script that starts on line {@code firstLine}
   * of its file (a goose or dbmate section): the warnings name the file's lines.
   */
  public static List<ScriptWarning> check(String file, int firstLine, MigrationScript script) {
    if (script.kind() != ScriptKind.MIGRATE && script.kind() != ScriptKind.UNDO) {
      return List.of();
    }
    List<SqlStatement> statements = SqlScanner.statements(script.sql());
    boolean vacuums = statements.stream().anyMatch(statement -> statement.startsWith("VACUUM"));
    List<ScriptWarning> warnings = new ArrayList<>();
    for (SqlStatement statement : statements) {
      judge(statement, script.transactional(), vacuums)
          .ifPresent(
              message ->
                  warnings.add(new ScriptWarning(file, firstLine + statement.line() - 1, message)));
    }
    return List.copyOf(warnings);
  }

  private static Optional<String> judge(
      SqlStatement statement, boolean transactional, boolean vacuums) {
    String shown = shown(statement);
    if (statement.startsWith("PRAGMA")) {
      return pragma(statement, shown, transactional, vacuums);
    }
    if (!transactional) {
      // The script runs on its own: transaction statements, VACUUM and ATTACH work there.
      return Optional.empty();
    }
    if (statement.startsWith("VACUUM")) {
      return Optional.of(shown + " fails " + IN_TRANSACTION + "; " + ON_ITS_OWN);
    }
    if (statement.startsWith("ATTACH") || statement.startsWith("DETACH")) {
      return Optional.of(shown + " fails " + IN_TRANSACTION);
    }
    if (statement.startsWith("BEGIN")) {
      return Optional.of(shown + " fails " + IN_TRANSACTION + "; " + LEAVE_OUT);
    }
    if (statement.startsWith("COMMIT")
        || statement.startsWith("END")
        || (statement.startsWith("ROLLBACK") && !rollsBackToASavepoint(statement))) {
      return Optional.of(
          shown
              + " would end the transaction Flotilla runs each version in early, before its checks;"
              + " "
              + LEAVE_OUT);
    }
    return Optional.empty();
  }

  private static Optional<String> pragma(
      SqlStatement statement, String shown, boolean transactional, boolean vacuums) {
    Matcher matcher = PRAGMA.matcher(statement.code());
    // Reading a setting is harmless; only setting one is told.
    if (!matcher.matches() || matcher.group(2) == null) {
      return Optional.empty();
    }
    return switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
      case "foreign_keys" ->
          Optional.of(
              transactional
                  ? shown
                      + " does nothing "
                      + IN_TRANSACTION
                      + "; Flotilla switches foreign keys off around every migration itself and"
                      + " checks them before commit"
                  : shown
                      + " is not needed: Flotilla switches foreign keys off around every"
                      + " migration itself, scripts marked no-transaction too, and checks them"
                      + " (PRAGMA foreign_key_check) after the script");
      case "journal_mode" ->
          transactional
              ? Optional.of(
                  shown
                      + " cannot change the journal mode "
                      + IN_TRANSACTION
                      + " (it fails or does nothing); the journal mode is the application's to"
                      + " choose")
              : Optional.empty();
      case "page_size", "auto_vacuum" ->
          transactional
              ? Optional.of(
                  shown
                      + " takes effect only with a VACUUM, and VACUUM fails "
                      + IN_TRANSACTION
                      + "; put both in a script whose first line is -- flotilla:no-transaction")
              : vacuums
                  ? Optional.empty()
                  : Optional.of(
                      shown + " takes effect only with a VACUUM, and this script has none");
      default -> Optional.empty();
    };
  }

  /** {@code ROLLBACK TO [SAVEPOINT] x} undoes part of the transaction and keeps it open. */
  private static boolean rollsBackToASavepoint(SqlStatement statement) {
    return statement.startsWith("ROLLBACK TO") || statement.startsWith("ROLLBACK TRANSACTION TO");
  }

  private static String shown(SqlStatement statement) {
    String code = statement.code();
    return code.length() <= SHOWN ? code : code.substring(0, SHOWN - 3) + "...";
  }
}
