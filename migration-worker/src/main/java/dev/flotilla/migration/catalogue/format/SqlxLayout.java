package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * sqlx ({@code sqlx-core/src/migrate/source.rs}): every file directly in the folder whose name has
 * an {@code _} and ends with {@code .sql}; the version is the part before the first {@code _}, an
 * i64; {@code .up.sql} and {@code .down.sql} make a reversible pair, any other {@code .sql} a
 * simple (up only) migration; the description is the rest without its suffix, {@code _} read as a
 * space. A script whose text starts with {@code -- no-transaction} runs outside a transaction
 * (exactly that prefix: a byte-order mark before it hides it from sqlx too). Migrations run in
 * version order.
 */
final class SqlxLayout implements Layout {
  static final String NO_TRANSACTION = "-- no-transaction";
  private static final String EXPECTED = "<version>_<description>.sql (or .up.sql, .down.sql)";

  @Override
  public FolderFormat format() {
    return FolderFormat.SQLX;
  }

  @Override
  public Claim claim(FolderListing listing) {
    List<String> scripts = TopLevelScripts.of(listing);
    Optional<Claim> misfit =
        TopLevelScripts.misfit(format(), scripts, file -> Name.parse(file).isPresent(), EXPECTED);
    if (misfit.isPresent()) {
      return misfit.get();
    }
    List<String> evidence = new ArrayList<>();
    evidence.add(Claim.count(scripts, "script", "scripts", "named " + EXPECTED));
    List<String> outsideTransactions =
        scripts.stream()
            .filter(file -> listing.textOrEmpty(file).startsWith(NO_TRANSACTION))
            .toList();
    if (!outsideTransactions.isEmpty()) {
      evidence.add(
          Claim.count(outsideTransactions, "script starts", "scripts start", NO_TRANSACTION));
    }
    return Claim.fits(format(), !outsideTransactions.isEmpty(), evidence);
  }

  @Override
  public FolderReading read(FolderListing listing) {
    ScriptSet set = new ScriptSet(listing, format());
    for (String file : TopLevelScripts.of(listing)) {
      Optional<Name> parsed = Name.parse(file);
      if (parsed.isEmpty()) {
        set.problem(
            file,
            "not a sqlx migration name (sqlx passes it over); expected "
                + EXPECTED
                + " with a whole version number, e.g. 20240605131359_create_users.sql");
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
                      new FolderScript(
                          name.version(),
                          name.kind(),
                          name.description(),
                          sql,
                          file,
                          !sql.startsWith(NO_TRANSACTION)),
                      ""));
    }
    TopLevelScripts.companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  /** {@code 20240605131359_create_users.up.sql}. */
  record Name(VersionId version, ScriptKind kind, String description) {
    static Optional<Name> parse(String file) {
      String fileName = FolderListing.fileName(file);
      int underscore = fileName.indexOf('_');
      if (underscore < 0 || !fileName.endsWith(".sql")) {
        return Optional.empty();
      }
      Optional<VersionId> version = VersionId.tryParse(fileName.substring(0, underscore));
      if (version.isEmpty() || !version.get().isInteger() || version.get().asLong().isEmpty()) {
        return Optional.empty();
      }
      String rest = fileName.substring(underscore + 1);
      String suffix = ".sql";
      ScriptKind kind = ScriptKind.MIGRATE;
      if (rest.endsWith(".up.sql")) {
        suffix = ".up.sql";
      } else if (rest.endsWith(".down.sql")) {
        suffix = ".down.sql";
        kind = ScriptKind.UNDO;
      }
      // Rust's trim_end_matches takes off every repeat of the suffix.
      while (rest.endsWith(suffix)) {
        rest = rest.substring(0, rest.length() - suffix.length());
      }
      return Optional.of(new Name(version.get(), kind, rest.replace('_', ' ')));
    }
  }
}
