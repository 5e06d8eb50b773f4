package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * goose ({@code migration.go} NumericComponent, {@code migrate.go}): the {@code *.sql} files
 * directly in the folder; the version is the part of the name before the first {@code _}, a 64-bit
 * number from 1 up; each file holds its up and (optional) down SQL in sections that {@link
 * GooseSections} splits. Migrations run in version order. Goose's Go migrations ({@code
 * 00002_x.go}) are code Flotilla cannot run, and are refused rather than passed over.
 */
final class GooseLayout implements Layout {
  private static final String EXPECTED = "<version>_<name>.sql";

  @Override
  public FolderFormat format() {
    return FolderFormat.GOOSE;
  }

  @Override
  public Claim claim(FolderListing listing) {
    List<String> scripts = TopLevelScripts.of(listing);
    Optional<Claim> misfit =
        TopLevelScripts.misfit(format(), scripts, file -> Name.parse(file).isPresent(), EXPECTED);
    if (misfit.isPresent()) {
      return misfit.get();
    }
    List<String> annotated =
        scripts.stream()
            .filter(
                file ->
                    SqlText.lines(listing.textOrEmpty(file)).stream()
                        .anyMatch(GooseSections::isAnnotationLine))
            .toList();
    if (annotated.isEmpty()) {
      return Claim.doesNotFit(format(), "no script has -- +goose annotations");
    }
    List<String> evidence = new ArrayList<>();
    evidence.add(Claim.count(annotated, "script has", "scripts have", "-- +goose annotations"));
    List<String> goMigrations = goMigrations(listing);
    if (!goMigrations.isEmpty()) {
      evidence.add(Claim.count(goMigrations, "Go migration", "Go migrations", "beside them"));
    }
    return Claim.fits(format(), true, evidence);
  }

  @Override
  public FolderReading read(FolderListing listing) {
    ScriptSet set = new ScriptSet(listing, format());
    for (String file : TopLevelScripts.of(listing)) {
      Optional<Name> parsed = Name.parse(file);
      if (parsed.isEmpty()) {
        set.problem(
            file,
            "not a goose migration name; expected "
                + EXPECTED
                + " with a version from 1 up, e.g. 00001_create_users.sql");
        continue;
      }
      Name name = parsed.get();
      if (set.claim(name.version(), ScriptKind.MIGRATE, file)) {
        set.text(file).ifPresent(text -> addSections(set, file, name, text));
      }
    }
    for (String file : goMigrations(listing)) {
      set.problem(
          file,
          "a goose Go migration: Flotilla runs SQL only; write it as a .sql migration of the"
              + " same version");
    }
    TopLevelScripts.companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  private static void addSections(ScriptSet set, String file, Name name, String text) {
    GooseSections.Parsed parsed = GooseSections.parse(text);
    if (parsed.problem().isPresent()) {
      GooseSections.Problem problem = parsed.problem().get();
      set.problem(problem.line() > 0 ? file + ":" + problem.line() : file, problem.message());
      return;
    }
    Section up = parsed.up().orElseThrow();
    set.add(
        new FolderScript(
            name.version(),
            ScriptKind.MIGRATE,
            name.description(),
            up.sql(),
            file,
            up.firstLine(),
            parsed.transactional()),
        "-- +goose Up section");
    if (parsed.down().isPresent() && set.claim(name.version(), ScriptKind.UNDO, file)) {
      Section down = parsed.down().get();
      set.add(
          new FolderScript(
              name.version(),
              ScriptKind.UNDO,
              name.description(),
              down.sql(),
              file,
              down.firstLine(),
              parsed.transactional()),
          "-- +goose Down section");
    }
  }

  /** {@code 00002_rename_root.go}: goose would register it as the migration of version 2. */
  private static List<String> goMigrations(FolderListing listing) {
    return listing.topLevelFiles().stream()
        .filter(file -> file.endsWith(".go") && !file.endsWith("_test.go"))
        .filter(file -> Name.version(file.substring(0, file.length() - 3) + ".sql").isPresent())
        .toList();
  }

  /** {@code 00001_create_users.sql}. */
  record Name(VersionId version, String description) {
    static Optional<Name> parse(String file) {
      String fileName = FolderListing.fileName(file);
      return version(fileName)
          .map(
              version ->
                  new Name(
                      version,
                      fileName
                          .substring(fileName.indexOf('_') + 1, fileName.length() - 4)
                          .replace('_', ' ')));
    }

    private static Optional<VersionId> version(String fileName) {
      int underscore = fileName.indexOf('_');
      if (underscore < 0 || !fileName.endsWith(".sql")) {
        return Optional.empty();
      }
      return VersionId.tryParse(fileName.substring(0, underscore))
          .filter(VersionId::isInteger)
          .filter(version -> version.asLong().isPresent())
          .filter(version -> version.asLong().getAsLong() >= 1);
    }
  }
}
