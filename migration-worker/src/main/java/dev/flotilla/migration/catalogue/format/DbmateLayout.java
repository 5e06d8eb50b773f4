package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate ({@code pkg/dbmate/db.go} FindMigrations): the files directly in the folder that match
 * {@code ^(\d+).*\.sql$}; the version is the leading digits, kept as a string by dbmate; files run
 * in the order of their names (a folder where that is not the order of the versions, {@code
 * 9_a.sql} before {@code 10_b.sql}, is refused). Each file holds its up and down SQL in the blocks
 * {@link DbmateSections} splits.
 */
final class DbmateLayout implements Layout {
  private static final Pattern SHAPE = Pattern.compile("^([0-9]+)(.*)\\.sql$");
  private static final String EXPECTED = "<version>_<name>.sql";

  @Override
  public FolderFormat format() {
    return FolderFormat.DBMATE;
  }

  @Override
  public Claim claim(FolderListing listing) {
    List<String> scripts = TopLevelScripts.of(listing);
    Optional<Claim> misfit =
        TopLevelScripts.misfit(format(), scripts, file -> Name.parse(file).isPresent(), EXPECTED);
    if (misfit.isPresent()) {
      return misfit.get();
    }
    List<String> marked =
        scripts.stream()
            .filter(file -> DbmateSections.hasUpMarker(listing.textOrEmpty(file)))
            .toList();
    if (marked.isEmpty()) {
      return Claim.doesNotFit(format(), "no script has a -- migrate:up line");
    }
    return Claim.fits(
        format(),
        true,
        List.of(Claim.count(marked, "script has", "scripts have", "-- migrate:up")));
  }

  @Override
  public FolderReading read(FolderListing listing) {
    ScriptSet set = new ScriptSet(listing, format());
    List<FolderScript> inNameOrder = new ArrayList<>();
    for (String file : TopLevelScripts.of(listing)) {
      Optional<Name> parsed = Name.parse(file);
      if (parsed.isEmpty()) {
        set.problem(
            file,
            "not a dbmate migration name (dbmate passes it over); expected "
                + EXPECTED
                + ", e.g. 20240605131359_create_users.sql");
        continue;
      }
      Name name = parsed.get();
      if (set.claim(name.version(), ScriptKind.MIGRATE, file)) {
        set.text(file)
            .flatMap(text -> addSections(set, file, name, text))
            .ifPresent(inNameOrder::add);
      }
    }
    // The listing is sorted by name, as dbmate sorts its files.
    set.checkToolOrder(inNameOrder, "its files by name");
    TopLevelScripts.companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  /** Adds the file's scripts; the up script, for the order check. */
  private static Optional<FolderScript> addSections(
      ScriptSet set, String file, Name name, String text) {
    DbmateSections.Parsed parsed = DbmateSections.parse(text);
    if (parsed.problem().isPresent()) {
      DbmateSections.Problem problem = parsed.problem().get();
      set.problem(problem.line() > 0 ? file + ":" + problem.line() : file, problem.message());
      return Optional.empty();
    }
    Section up = parsed.up().orElseThrow();
    FolderScript upScript =
        new FolderScript(
            name.version(),
            ScriptKind.MIGRATE,
            name.description(),
            up.sql(),
            file,
            up.firstLine(),
            parsed.upTransactional());
    set.add(upScript, "-- migrate:up block");
    Section down = parsed.down().orElseThrow();
    if (set.claim(name.version(), ScriptKind.UNDO, file)) {
      set.add(
          new FolderScript(
              name.version(),
              ScriptKind.UNDO,
              name.description(),
              down.sql(),
              file,
              down.firstLine(),
              parsed.downTransactional()),
          "-- migrate:down block");
    }
    return Optional.of(upScript);
  }

  /** {@code 20240605131359_create_users.sql}. */
  record Name(VersionId version, String description) {
    static Optional<Name> parse(String file) {
      Matcher matcher = SHAPE.matcher(FolderListing.fileName(file));
      if (!matcher.matches()) {
        return Optional.empty();
      }
      String description = matcher.group(2).replaceFirst("^[-_. ]", "").replace('_', ' ');
      return Optional.of(new Name(VersionId.parse(matcher.group(1)), description));
    }
  }
}
