package dev.flotilla.migration.catalogue.format;

import java.util.List;

/**
 * What a {@link Layout} says of a folder's names.
 *
 * @param fits every file the layout would look at has one of its names (or is one of Flotilla's
 *     {@code C}/{@code P} scripts), and there is at least one script
 * @param distinctive the folder shows something only this tool writes: Flyway's {@code V…__} names,
 *     diesel's directories, goose's and dbmate's markers, sqlx's {@code -- no-transaction}
 * @param evidence what fits, or why not: for messages
 */
record Claim(FolderFormat format, boolean fits, boolean distinctive, List<String> evidence) {
  Claim {
    evidence = List.copyOf(evidence);
  }

  static Claim fits(FolderFormat format, boolean distinctive, List<String> evidence) {
    return new Claim(format, true, distinctive, evidence);
  }

  static Claim doesNotFit(FolderFormat format, String reason) {
    return new Claim(format, false, false, List.of(reason));
  }

  /** {@code 4 scripts named … (a.sql, b.sql, …)}: a count, its noun, and the first two names. */
  static String count(List<String> files, String one, String many, String what) {
    String examples =
        String.join(", ", files.subList(0, Math.min(2, files.size())))
            + (files.size() > 2 ? ", …" : "");
    return files.size()
        + " "
        + (files.size() == 1 ? one : many)
        + " "
        + what
        + " ("
        + examples
        + ")";
  }
}
