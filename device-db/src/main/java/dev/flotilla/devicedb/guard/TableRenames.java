package dev.flotilla.devicedb.guard;

import dev.flotilla.devicedb.sql.Identifiers;
import dev.flotilla.devicedb.sql.SqlScanner;
import dev.flotilla.devicedb.sql.SqlStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ALTER TABLE a RENAME TO b} statements of some scripts, in order: a table that is gone
 * after them may live on under another name, and its rows are judged there.
 */
public final class TableRenames {
  private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*\\]|[\\w$]+)";
  private static final Pattern RENAME =
      Pattern.compile(
          "ALTER TABLE (?:"
              + IDENTIFIER
              + " ?\\. ?)?("
              + IDENTIFIER
              + ") RENAME TO ("
              + IDENTIFIER
              + ")",
          Pattern.CASE_INSENSITIVE);

  public static final TableRenames NONE = new TableRenames(Map.of());

  /** Each old name and the name it was given, in the order the statements ran. */
  private final Map<String, String> renames;

  private TableRenames(Map<String, String> renames) {
    this.renames = renames;
  }

  public static TableRenames in(List<String> scripts) {
    Map<String, String> renames = new LinkedHashMap<>();
    for (String script : scripts) {
      for (SqlStatement statement : SqlScanner.statements(script)) {
        Matcher matcher = RENAME.matcher(statement.code());
        if (matcher.matches()) {
          renames.put(Identifiers.name(matcher.group(1)), Identifiers.name(matcher.group(2)));
        }
      }
    }
    return new TableRenames(Map.copyOf(renames));
  }

  /**
   * The name {@code table} ends up with when the scripts renamed it, following renames of renames
   * (a → b, then b → c gives c); empty when they never renamed it.
   */
  public Optional<String> finalName(String table) {
    String name = Identifiers.normal(table);
    String renamed = null;
    for (int hops = 0; hops <= renames.size() && renames.containsKey(name); hops++) {
      name = renames.get(name);
      renamed = name;
    }
    return Optional.ofNullable(renamed);
  }
}
