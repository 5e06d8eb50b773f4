package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate ({@code source/parse.go}, {@code source/migration.go}): files directly in the
 * folder named {@code <version>_<title>.up.<ext>} or {@code .down.<ext>}, matched by its own
 * expression {@code ^([0-9]+)_(.*)\.(down|up)\.(.*)$}; the version is an unsigned 64-bit number;
 * one up and one down per version. Its SQLite drivers wrap every script in a transaction (the
 * database URL's {@code x-no-tx-wrap} belongs to the connection, not the folder), so every script
 * here is transactional. golang-migrate accepts a down without an up; Flotilla does not.
 */
final class GolangMigrateLayout implements Layout {
  private static final Pattern SHAPE = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.(.*)$");
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final String EXPECTED = "<version>_<title>.up.sql or .down.sql";

  @Override
  public FolderFormat format() {
    return FolderFormat.GOLANG_MIGRATE;
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
      Optional<Name> parsed = Name.parse(file);
      if (parsed.isEmpty()) {
        set.problem(
            file,
            "not a golang-migrate migration name (golang-migrate passes it over); expected "
                + EXPECTED
                + ", e.g. 000001_create_users.up.sql");
        continue;
      }
      Name name = parsed.get();
      if (!set.claim(name.version(), name.kind(), file)) {
        continue;
      }
      set.text(file)
          .ifPresent(
              sql ->
                  set.add(
                      new FolderScript(name.version(), name.kind(), name.title(), sql, file, true),
                      ""));
    }
    TopLevelScripts.companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  /** {@code 000001_create_users.up.sql}. */
  record Name(VersionId version, ScriptKind kind, String title) {
    static Optional<Name> parse(String file) {
      Matcher matcher = SHAPE.matcher(FolderListing.fileName(file));
      if (!matcher.matches() || !matcher.group(4).equals("sql")) {
        return Optional.empty();
      }
      if (new BigInteger(matcher.group(1)).compareTo(UINT64_MAX) > 0) {
        return Optional.empty();
      }
      ScriptKind kind = matcher.group(3).equals("up") ? ScriptKind.MIGRATE : ScriptKind.UNDO;
      return Optional.of(
          new Name(VersionId.parse(matcher.group(1)), kind, matcher.group(2).replace('_', ' ')));
    }
  }
}
