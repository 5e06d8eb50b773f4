package dev.flotilla.migration.catalogue.format;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scripts of the layouts that keep them side by side in one folder (all but Flyway, which looks
 * in subfolders too, and diesel, which keeps a directory per migration). Subdirectories are passed
 * over, as those tools pass over them.
 */
final class TopLevelScripts {
  private TopLevelScripts() {}

  /** The {@code .sql} files directly in the folder, Flotilla's {@code C}/{@code P} ones aside. */
  static List<String> of(FolderListing listing) {
    return listing.topLevelFiles().stream()
        .filter(FolderListing::isSql)
        .filter(file -> !CompanionName.looksLike(file))
        .toList();
  }

  /** The {@code C}/{@code P} files directly in the folder. */
  static List<String> companions(FolderListing listing) {
    return listing.topLevelFiles().stream().filter(CompanionName::looksLike).toList();
  }

  /**
   * Why {@code scripts} do not fit a layout whose names {@code fits} accepts, if they do not: there
   * are none, or one is not named so.
   */
  static Optional<Claim> misfit(
      FolderFormat format, List<String> scripts, Predicate<String> fits, String expected) {
    if (scripts.isEmpty()) {
      return Optional.of(Claim.doesNotFit(format, "has no scripts named " + expected));
    }
    List<String> misnamed = scripts.stream().filter(fits.negate()).toList();
    if (!misnamed.isEmpty()) {
      return Optional.of(
          Claim.doesNotFit(
              format, Claim.count(misnamed, "script is", "scripts are", "not named " + expected)));
    }
    return Optional.empty();
  }
}
