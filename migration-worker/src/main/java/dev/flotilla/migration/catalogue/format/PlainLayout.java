package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain numbered scripts, as hand-rolled runners keep them: {@code 001_init.sql}, {@code
 * 002-add-x.sql}, {@code 3.sql}, directly in the folder; the leading number is the version, the
 * scripts run in its numeric order, each in a transaction, and there are no down scripts (a folder
 * with {@code .up.sql}/{@code .down.sql} pairs is sqlx's or golang-migrate's).
 */
final class PlainLayout implements Layout {
  private static final Pattern SHAPE = Pattern.compile("([0-9]+)(?:[-_. ](.*))?\\.sql");
  private static final String EXPECTED = "<number>_<description>.sql";

  @Override
  public FolderFormat format() {
    return FolderFormat.PLAIN;
  }

  @Override
  public Claim claim(FolderListing listing) {
    List<String> scripts = TopLevelScripts.of(listing);
    return TopLevelScripts.misfit(format(), scripts, file -> Name.parse(file).isPresent(), EXPECTED)
        .orElseGet(
            () ->
                Claim.fits(
                    format(),
                    false,
                    List.of(Claim.count(scripts, "script", "scripts", "named " + EXPECTED))));
  }

  @Override
  public FolderReading read(FolderListing listing) {
    ScriptSet set = new ScriptSet(listing, format());
    for (String file : TopLevelScripts.of(listing)) {
      if (isUpOrDown(file)) {
        set.problem(
            file,
            "plain numbered scripts have no up and down pairs; read the folder with --format sqlx"
                + " or --format golang-migrate");
        continue;
      }
      Optional<Name> parsed = Name.parse(file);
      if (parsed.isEmpty()) {
        set.problem(file, "not a numbered script; expected " + EXPECTED + ", e.g. 001_init.sql");
        continue;
      }
      Name name = parsed.get();
      if (!set.claim(name.version(), ScriptKind.MIGRATE, file)) {
        continue;
      }
      set.text(file)
          .ifPresent(
              sql ->
                  set.add(
                      new FolderScript(
                          name.version(), ScriptKind.MIGRATE, name.description(), sql, file, true),
                      ""));
    }
    TopLevelScripts.companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  private static boolean isUpOrDown(String file) {
    String lower = FolderListing.fileName(file).toLowerCase(Locale.ROOT);
    return lower.endsWith(".up.sql") || lower.endsWith(".down.sql");
  }

  /** {@code 001_init.sql}. */
  record Name(VersionId version, String description) {
    static Optional<Name> parse(String file) {
      if (isUpOrDown(file)) {
        return Optional.empty();
      }
      Matcher matcher = SHAPE.matcher(FolderListing.fileName(file));
      if (!matcher.matches()) {
        return Optional.empty();
      }
      String description = matcher.group(2) == null ? "" : matcher.group(2).replace('_', ' ');
      return Optional.of(new Name(VersionId.parse(matcher.group(1)), description));
    }
  }
}
