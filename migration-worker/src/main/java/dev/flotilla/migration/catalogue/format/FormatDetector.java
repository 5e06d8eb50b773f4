package dev.flotilla.migration.catalogue.format;

import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tells which layout a migration folder is in, from its names and the tools' own markers, never
 * from guesses about its SQL.
 *
 * <ol>
 *   <li>Each layout says whether every file it would look at has one of its names, and whether the
 *       folder shows something only its tool writes: Flyway's {@code V…__} names, diesel's
 *       directories with an {@code up.sql}, goose's {@code -- +goose} and dbmate's {@code --
 *       migrate:up} lines, sqlx's {@code -- no-transaction}. Goose, dbmate, diesel and Flyway fit
 *       only with such evidence.
 *   <li>One layout with evidence: that one. Several: the folder is ambiguous, and the error lists
 *       them and their evidence; {@code --format} picks.
 *   <li>None with evidence: only sqlx, golang-migrate and plain numbered scripts can fit on names
 *       alone, and where two of them fit they read the folder alike. sqlx and plain both fit only
 *       up scripts named {@code <n>_<x>.sql} with no {@code -- no-transaction}; sqlx and
 *       golang-migrate both fit only {@code .up.sql}/{@code .down.sql} pairs with none; plain fits
 *       no pairs. So the most general is named (plain, then golang-migrate, then sqlx) and the
 *       others listed as reading it alike.
 *   <li>No layout fits: the error says, for each, why not.
 * </ol>
 */
public final class FormatDetector {
  private static final List<Layout> LAYOUTS =
      List.of(
          new FlywayLayout(),
          new SqlxLayout(),
          new DieselLayout(),
          new GolangMigrateLayout(),
          new GooseLayout(),
          new DbmateLayout(),
          new PlainLayout());

  /** Among layouts fitting on names alone, the most general first. */
  private static final List<FolderFormat> GENERAL_FIRST =
      List.of(FolderFormat.PLAIN, FolderFormat.GOLANG_MIGRATE, FolderFormat.SQLX);

  private FormatDetector() {}

  /**
   * The layout {@code folder} is in.
   *
   * @throws MigrationFolderException when it fits none or several, listing each layout with why it
   *     does not fit or what points to it; and when the folder cannot be listed
   */
  public static Detection detect(Path folder) {
    return detect(FolderListing.of(folder));
  }

  static Detection detect(FolderListing listing) {
    List<Claim> claims = LAYOUTS.stream().map(layout -> layout.claim(listing)).toList();
    List<Claim> fitting = claims.stream().filter(Claim::fits).toList();
    List<Claim> distinctive = fitting.stream().filter(Claim::distinctive).toList();
    if (distinctive.size() == 1) {
      Claim claim = distinctive.get(0);
      return new Detection(claim.format(), claim.evidence(), List.of());
    }
    if (distinctive.size() > 1) {
      List<String> problems = new ArrayList<>();
      problems.add("fits several layouts; name the right one with --format");
      distinctive.forEach(claim -> problems.add(line(claim)));
      throw new MigrationFolderException(listing.root(), problems);
    }
    if (fitting.isEmpty()) {
      List<String> problems = new ArrayList<>();
      problems.add(
          "is in none of the layouts Flotilla reads; --format with one of them ("
              + FolderFormat.cliNames()
              + ") lists what it refuses");
      claims.forEach(claim -> problems.add(line(claim)));
      throw new MigrationFolderException(listing.root(), problems);
    }
    List<Claim> byGenerality =
        fitting.stream().sorted(Comparator.comparingInt(FormatDetector::generality)).toList();
    Claim chosen = byGenerality.get(0);
    List<FolderFormat> alike =
        byGenerality.subList(1, byGenerality.size()).stream().map(Claim::format).toList();
    return new Detection(chosen.format(), chosen.evidence(), alike);
  }

  /** The layout that reads {@code format}. */
  static Layout layout(FolderFormat format) {
    return LAYOUTS.stream()
        .filter(layout -> layout.format() == format)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no layout reads " + format));
  }

  private static int generality(Claim claim) {
    int index = GENERAL_FIRST.indexOf(claim.format());
    return index < 0 ? GENERAL_FIRST.size() : index;
  }

  private static String line(Claim claim) {
    return claim.format().cliName() + ": " + String.join("; ", claim.evidence());
  }
}
