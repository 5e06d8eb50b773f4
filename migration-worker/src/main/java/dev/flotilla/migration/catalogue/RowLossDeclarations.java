package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.sql.Identifiers;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Row loss declared when a folder is pushed rather than in its scripts, for folders their users do
 * not edit (a vendor's, another team's): the tables each version's up script may leave with fewer
 * rows, as {@code flotilla migrations push --allow-row-loss 3=messages,sessions} says. They add to
 * the up script's own {@code -- flotilla:allows-row-loss} lines.
 *
 * @param tablesByVersion the declared tables per version, in the row guard's form, sorted; versions
 *     compare numerically, so a declaration for {@code 3} is one for the script {@code 00003}
 */
public record RowLossDeclarations(SortedMap<VersionId, List<String>> tablesByVersion) {
  public static final RowLossDeclarations NONE = new RowLossDeclarations(new TreeMap<>());

  private static final Pattern ENTRY = Pattern.compile("[Vv]?([^=]*?)\\s*=(.*)", Pattern.DOTALL);

  public RowLossDeclarations {
    SortedMap<VersionId, List<String>> copy = new TreeMap<>();
    tablesByVersion.forEach(
        (version, tables) -> {
          if (version.isZero()) {
            throw new IllegalArgumentException("versions start above 0, not " + version);
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
   * Reads {@code VERSION=TABLES} entries such as {@code 3=messages,sessions}, {@code 1.1=books} or
   * {@code 20240605131359=*}; entries for the same version add up.
   *
   * @throws IllegalArgumentException naming the first entry that is not of that form
   */
  public static RowLossDeclarations parse(Collection<String> entries) {
    SortedMap<VersionId, List<String>> tables = new TreeMap<>();
    for (String entry : entries) {
      Matcher matcher = ENTRY.matcher(entry.strip());
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not VERSION=TABLES, e.g. 3=messages,sessions or 7=*");
      }
      Optional<VersionId> version =
          VersionId.tryParse(matcher.group(1).strip()).filter(parsed -> !parsed.isZero());
      if (version.isEmpty()) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "': the version must be one of the folder's, above 0, e.g. 3, 1.1 or"
                + " 20240605131359");
      }
      try {
        List<String> declared = TableNames.parse(matcher.group(2));
        tables.merge(
            version.get(), declared, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
      } catch (TableNames.Malformed e) {
        throw new IllegalArgumentException("'" + entry + "': " + e.getMessage(), e);
      }
    }
    return new RowLossDeclarations(tables);
  }

  public boolean isEmpty() {
    return tablesByVersion.isEmpty();
  }

  /** The tables declared for the up script of {@code version}, or none. */
  public List<String> tablesOf(VersionId version) {
    return tablesByVersion.getOrDefault(version, List.of());
  }
}
