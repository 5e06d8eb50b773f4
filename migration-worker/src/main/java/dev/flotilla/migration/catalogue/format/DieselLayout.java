package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * diesel ({@code diesel_migrations}, {@code migrations_internals}): one directory per migration
 * directly in the folder, holding {@code up.sql} and usually {@code down.sql}, and perhaps a {@code
 * metadata.toml} ({@link DieselMetadata}). Empty and hidden directories are passed over; any other
 * directory without an {@code up.sql} is an error. The version is the directory's name up to its
 * first {@code _}, dashes dropped ({@code 2024-06-05-131359_create_users} → {@code
 * 20240605131359}); diesel orders versions as strings, so a folder where that is not their numeric
 * order is refused.
 *
 * <p>{@code 00000000000000_diesel_initial_setup} is what {@code diesel setup} writes for PostgreSQL
 * only: PL/pgSQL helper functions for {@code updated_at} columns, which SQLite cannot run and
 * SQLite projects do not have. When its {@code up.sql} is that PL/pgSQL it is {@linkplain
 * SkippedEntry skipped}, said so; rewritten as SQLite SQL it is a migration like the others.
 */
final class DieselLayout implements Layout {
  static final String INITIAL_SETUP = "00000000000000_diesel_initial_setup";
  private static final String UP = "up.sql";
  private static final String DOWN = "down.sql";

  @Override
  public FolderFormat format() {
    return FolderFormat.DIESEL;
  }

  @Override
  public Claim claim(FolderListing listing) {
    List<String> migrations =
        listing.topLevelDirectories().stream()
            .filter(directory -> listing.isFile(directory + "/" + UP))
            .toList();
    if (migrations.isEmpty()) {
      return Claim.doesNotFit(format(), "has no directories with an up.sql");
    }
    List<String> beside = TopLevelScripts.of(listing);
    if (!beside.isEmpty()) {
      return Claim.doesNotFit(
          format(),
          Claim.count(beside, "script lies", "scripts lie", "beside the migration directories"));
    }
    return Claim.fits(
        format(),
        true,
        List.of(Claim.count(migrations, "directory has", "directories have", "an up.sql")));
  }

  @Override
  public FolderReading read(FolderListing listing) {
    ScriptSet set = new ScriptSet(listing, format());
    List<FolderScript> ups = new ArrayList<>();
    for (String directory : listing.topLevelDirectories()) {
      if (!listing.isEmptyDirectory(directory)) {
        readMigration(listing, set, directory).ifPresent(ups::add);
      }
    }
    for (String file : TopLevelScripts.of(listing)) {
      set.problem(
          file,
          "diesel passes over files beside the migration directories; put it in one, as"
              + " <version>_<name>/up.sql");
    }
    ups.sort(Comparator.comparing(up -> up.version().toString()));
    set.checkToolOrder(ups, "versions as text");
    TopLevelScripts.companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  /** Adds one migration directory's scripts; its up script, for the order check. */
  private static Optional<FolderScript> readMigration(
      FolderListing listing, ScriptSet set, String directory) {
    String upFile = directory + "/" + UP;
    String downFile = directory + "/" + DOWN;
    if (!listing.isFile(upFile)) {
      set.problem(directory, "has no up.sql; diesel refuses a migration directory without one");
      return Optional.empty();
    }
    int underscore = directory.indexOf('_');
    String written = (underscore < 0 ? directory : directory.substring(0, underscore));
    Optional<VersionId> version = VersionId.tryParse(written.replace("-", ""));
    if (version.isEmpty()) {
      set.problem(
          directory,
          "its version "
              + written
              + " is not a number (with dashes, as diesel writes 2024-06-05-131359)");
      return Optional.empty();
    }
    String description =
        underscore < 0 ? "" : directory.substring(underscore + 1).replace('_', ' ');
    for (String file : listing.filesIn(directory)) {
      String name = FolderListing.fileName(file);
      if (FolderListing.isSql(file) && !name.equals(UP) && !name.equals(DOWN)) {
        set.problem(file, "diesel runs only the up.sql and down.sql of a migration directory");
      }
    }
    Optional<String> up = set.text(upFile);
    if (up.isPresent() && isPostgresSetup(directory, up.get())) {
      set.skip(
          directory,
          "diesel's PostgreSQL setup (PL/pgSQL helper functions), which SQLite cannot run and"
              + " SQLite projects do not have");
      return Optional.empty();
    }
    boolean transactional = transactional(listing, set, directory);
    if (!set.claim(version.get(), ScriptKind.MIGRATE, upFile) || up.isEmpty()) {
      return Optional.empty();
    }
    FolderScript upScript =
        new FolderScript(
            version.get(), ScriptKind.MIGRATE, description, up.get(), upFile, transactional);
    set.add(upScript, "");
    if (listing.isFile(downFile) && set.claim(version.get(), ScriptKind.UNDO, downFile)) {
      set.text(downFile)
          .ifPresent(
              down ->
                  set.add(
                      new FolderScript(
                          version.get(),
                          ScriptKind.UNDO,
                          description,
                          down,
                          downFile,
                          transactional),
                      ""));
    }
    return Optional.of(upScript);
  }

  private static boolean isPostgresSetup(String directory, String up) {
    return directory.equals(INITIAL_SETUP) && up.toLowerCase(Locale.ROOT).contains("plpgsql");
  }

  private static boolean transactional(FolderListing listing, ScriptSet set, String directory) {
    String metadata = directory + "/metadata.toml";
    if (!listing.isFile(metadata)) {
      return true;
    }
    Optional<String> text = set.text(metadata);
    if (text.isEmpty()) {
      return true;
    }
    DieselMetadata.Reading reading = DieselMetadata.read(text.get());
    reading
        .problem()
        .ifPresent(problem -> set.problem(metadata + ":" + problem.line(), problem.message()));
    return reading.runInTransaction();
  }
}
