package dev.flotilla.migration.catalogue;

import dev.flotilla.devicedb.sql.Identifiers;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Row loss declared when a folder is pushed rather than in its scripts, for folders their users do
 * not edit (a vendor's, another team's): the tables each version's V script may leave with fewer
 * rows, as {@code flotilla migrations push --allow-row-loss 3=messages,sessions} says. They add to
 * the V script's own {@code -- flotilla:allows-row-loss} lines.
 *
 * @param tablesByVersion the declared tables per version, in the row guard's form, sorted
 */
public record RowLossDeclarations(SortedMap<Integer, List<String>> tablesByVersion) {
  public static final RowLossDeclarations NONE = new RowLossDeclarations(new TreeMap<>());

  private static final Pattern ENTRY = Pattern.compile("[Vv]?([0-9]+)\\s*=(.*)", Pattern.DOTALL);

  public RowLossDeclarations {
    SortedMap<Integer, List<String>> copy = new TreeMap<>();
    tablesByVersion.forEach(
        (version, tables) -> {
          if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, not " + version);
          }
          if (tables.isEmpty()) {
            throw new IllegalArgumentException("V" + version + " declares no table");
          }
          copy.put(
              version,
              List.copyOf(new TreeSet<>(tables.stream().map(Identifiers::normal).toList())));
        });
    tablesByVersion = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Reads {@code VERSION=TABLES} entries such as {@code 3=messages,sessions} or {@code 7=*};
   * entries for the same version add up.
   *
   * @throws IllegalArgumentException naming the first entry that is not of that form
   */
  public static RowLossDeclarations parse(Collection<String> entries) {
    SortedMap<Integer, List<String>> tables = new TreeMap<>();
    for (String entry : entries) {
      Matcher matcher = ENTRY.matcher(entry.strip());
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not VERSION=TABLES, e.g. 3=messages,sessions or 7=*");
      }
      int version;
      try {
        version = Integer.parseInt(matcher.group(1));
      } catch (NumberFormatException tooLarge) {
        version = 0;
      }
      if (version < 1) {
        throw new IllegalArgumentException(
            "'" + entry + "': the version must be a whole number from 1 up");
      }
      try {
        List<String> declared = TableNames.parse(matcher.group(2));
        tables.merge(version, declared, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
      } catch (TableNames.Malformed e) {
        throw new IllegalArgumentException("'" + entry + "': " + e.getMessage(), e);
      }
    }
    return new RowLossDeclarations(tables);
  }

  public boolean isEmpty() {
    return tablesByVersion.isEmpty();
  }

  /** The tables declared for V{@code version}, or none. */
  public List<String> tablesOf(int version) {
    return tablesByVersion.getOrDefault(version, List.of());
  }
}
