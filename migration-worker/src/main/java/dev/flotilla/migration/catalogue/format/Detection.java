package dev.flotilla.migration.catalogue.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which layout a folder is in, and what showed it.
 *
 * @param evidence what in the folder points to that layout, e.g. {@code 4 scripts with -- +goose
 *     annotations (00001_create_users.sql, …)}
 * @param readsAlike other layouts the folder also fits and that read it to the same scripts (sqlx
 *     and golang-migrate read {@code .up.sql}/{@code .down.sql} pairs alike); named so that a user
 *     who knows their tool is not puzzled by the name chosen
 */
public record Detection(FolderFormat format, List<String> evidence, List<FolderFormat> readsAlike) {
  public Detection {
    evidence = List.copyOf(evidence);
    readsAlike = List.copyOf(readsAlike);
  }

  /** {@code goose: 4 scripts with -- +goose annotations (…)}, one line. */
  public String describe() {
    String alike =
        readsAlike.isEmpty()
            ? ""
            : "; "
                + readsAlike.stream()
                    .map(FolderFormat::displayName)
                    .collect(Collectors.joining(" and "))
                + " would read it alike";
    return format.displayName() + ": " + String.join("; ", evidence) + alike;
  }
}
