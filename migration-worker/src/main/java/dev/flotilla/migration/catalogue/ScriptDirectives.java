package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.ScriptKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code -- flotilla:<name>} comment lines of a script tell Flotilla. There are two:
 *
 * <ul>
 *   <li>{@code -- flotilla:no-transaction}, on the first line only: the script cannot run inside a
 *       transaction and is applied on its own;
 *   <li>{@code -- flotilla:allows-row-loss messages, sessions} (or {@code *} for any table), in V
 *       and U scripts, as many lines as needed: the tables the script may leave with fewer rows.
 * </ul>
 *
 * Every other line that starts {@code -- flotilla:} is a mistake (a misspelt name would otherwise
 * silently declare nothing), and so is a directive in the wrong place.
 *
 * @param allowedRowLoss the declared tables, in the row guard's form, sorted, without repeats
 */
public record ScriptDirectives(boolean noTransaction, List<String> allowedRowLoss) {
  public static final String NO_TRANSACTION = "no-transaction";
  public static final String ALLOWS_ROW_LOSS = "allows-row-loss";

  private static final String PREFIX = "-- flotilla:";
  private static final Pattern DIRECTIVE =
      Pattern.compile("--\\s*flotilla:\\s*([A-Za-z0-9_-]*)(.*)", Pattern.DOTALL);

  public ScriptDirectives {
    allowedRowLoss = List.copyOf(allowedRowLoss);
  }

  /** A directive line that cannot be obeyed. */
  public record Problem(int line, String message) {}

  /** The directives of one script, and the problems with its directive lines. */
  public record Reading(ScriptDirectives directives, List<Problem> problems) {
    public Reading {
      problems = List.copyOf(problems);
    }
  }

  /** Reads the directive lines of a script of {@code kind}; never throws. */
  public static Reading read(ScriptKind kind, String sql) {
    boolean noTransaction = false;
    TreeSet<String> tables = new TreeSet<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = sql.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
      Matcher directive = DIRECTIVE.matcher(line.strip());
      if (!directive.matches()) {
        continue;
      }
      int number = i + 1;
      String name = directive.group(1);
      String rest = directive.group(2).strip();
      switch (name) {
        case NO_TRANSACTION -> {
          if (number != 1) {
            problems.add(
                new Problem(
                    number,
                    PREFIX
                        + NO_TRANSACTION
                        + " only counts on the first line of a script; move it there"));
          } else if (!rest.isEmpty()) {
            problems.add(new Problem(number, PREFIX + NO_TRANSACTION + " takes nothing after it"));
          } else {
            noTransaction = true;
          }
        }
        case ALLOWS_ROW_LOSS -> {
          if (kind != ScriptKind.MIGRATE && kind != ScriptKind.UNDO) {
            problems.add(
                new Problem(
                    number,
                    PREFIX
                        + ALLOWS_ROW_LOSS
                        + " belongs in V and U scripts, which change data; a "
                        + kind.prefix()
                        + " script only reads"));
            continue;
          }
          try {
            tables.addAll(TableNames.parse(rest));
          } catch (TableNames.Malformed e) {
            problems.add(new Problem(number, PREFIX + ALLOWS_ROW_LOSS + ": " + e.getMessage()));
          }
        }
        default ->
            problems.add(
                new Problem(
                    number,
                    "unknown directive "
                        + PREFIX
                        + name
                        + "; the known ones are "
                        + PREFIX
                        + NO_TRANSACTION
                        + " (first line only) and "
                        + PREFIX
                        + ALLOWS_ROW_LOSS
                        + " <tables>"));
      }
    }
    return new Reading(new ScriptDirectives(noTransaction, List.copyOf(tables)), problems);
  }
}
