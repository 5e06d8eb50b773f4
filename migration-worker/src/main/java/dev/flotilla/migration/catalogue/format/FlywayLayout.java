package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway: every {@code .sql} file in the folder and its subfolders (Flyway scans a location
 * recursively), named as {@link FlywayName} parses; versions compare as {@link
 * dev.flotilla.contracts.catalogue.VersionId} compares them (Flyway's MigrationVersion rules), gaps
 * allowed; {@code U} scripts undo the {@code V} of their version; {@code R__} repeatables come
 * apart, in the order of their descriptions. A script's {@code .sql.conf} ({@link
 * FlywayScriptConfig}) may run it outside a transaction.
 *
 * <p>Refused, with the reason: baseline ({@code B}) migrations and callbacks, which Flotilla has no
 * use for; and {@code ${…}} placeholders, which Flyway fills in from its configuration as it runs
 * (unless the script's {@code .sql.conf} turns them off). Flyway's guess that a SQLite script with
 * {@code PRAGMA foreign_keys} cannot run in a transaction is not followed: Flotilla turns foreign
 * keys off around every migration itself, and warns about such a line at push.
 */
final class FlywayLayout implements Layout {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

  @Override
  public FolderFormat format() {
    return FolderFormat.FLYWAY;
  }

  @Override
  public Claim claim(FolderListing listing) {
    List<String> scripts = scripts(listing);
    if (scripts.isEmpty()) {
      return Claim.doesNotFit(format(), "has no scripts named " + FlywayName.EXPECTED);
    }
    List<String> misnamed =
        scripts.stream()
            .filter(file -> FlywayName.parse(file) instanceof FlywayName.Misnamed)
            .toList();
    if (!misnamed.isEmpty()) {
      return Claim.doesNotFit(
          format(),
          Claim.count(misnamed, "script is", "scripts are", "not named " + FlywayName.EXPECTED));
    }
    return Claim.fits(
        format(),
        true,
        List.of(Claim.count(scripts, "script", "scripts", "named " + FlywayName.EXPECTED)));
  }

  @Override
  public FolderReading read(FolderListing listing) {
    ScriptSet set = new ScriptSet(listing, format());
    Map<String, String> repeatableFiles = new HashMap<>();
    List<RepeatableScript> repeatables = new ArrayList<>();
    for (String file : scripts(listing)) {
      FlywayName.Parsed parsed = FlywayName.parse(file);
      if (parsed instanceof FlywayName.Misnamed misnamed) {
        set.problem(file, misnamed.reason());
        continue;
      }
      FlywayName name = ((FlywayName.Named) parsed).name();
      switch (name.type()) {
        case BASELINE ->
            set.problem(
                file,
                "a Flyway baseline migration stands in for the versions up to its own on new"
                    + " databases; Flotilla applies every version in turn, so remove it");
        case CALLBACK ->
            set.problem(
                file,
                "a Flyway callback ("
                    + name.description()
                    + "); Flotilla runs no callbacks, so make it a migration or remove it");
        case REPEATABLE -> {
          String previous = repeatableFiles.putIfAbsent(name.description(), file);
          if (previous != null) {
            set.problem(file, previous + " already is the repeatable '" + name.description() + "'");
          } else {
            script(listing, set, file)
                .ifPresent(
                    script ->
                        repeatables.add(
                            new RepeatableScript(
                                name.description(), script.sql(), file, script.transactional())));
          }
        }
        case VERSIONED, UNDO -> {
          ScriptKind kind =
              name.type() == FlywayName.Type.UNDO ? ScriptKind.UNDO : ScriptKind.MIGRATE;
          if (set.claim(name.version().orElseThrow(), kind, file)) {
            script(listing, set, file)
                .ifPresent(
                    script ->
                        set.add(
                            new FolderScript(
                                name.version().orElseThrow(),
                                kind,
                                name.description(),
                                script.sql(),
                                file,
                                script.transactional()),
                            ""));
          }
        }
      }
    }
    repeatables.stream()
        .sorted(Comparator.comparing(RepeatableScript::description))
        .forEach(set::addRepeatable);
    companions(listing).forEach(set::addCompanion);
    return set.build();
  }

  private record Script(String sql, boolean transactional) {}

  /** The text and transaction flag of a script, or empty after recording the problems. */
  private static Optional<Script> script(FolderListing listing, ScriptSet set, String file) {
    Optional<String> sql = set.text(file);
    FlywayScriptConfig.Reading config = config(listing, set, file);
    if (sql.isEmpty() || config.problem().isPresent()) {
      return Optional.empty();
    }
    if (config.placeholderReplacement()) {
      Matcher placeholder = PLACEHOLDER.matcher(sql.get());
      if (placeholder.find()) {
        set.problem(
            file,
            "uses the placeholder "
                + placeholder.group()
                + ", which Flyway fills in from its configuration as it runs; write the value in"
                + " (or put placeholderReplacement=false in "
                + FolderListing.fileName(file)
                + ".conf if the text is meant literally)");
        return Optional.empty();
      }
    }
    return Optional.of(new Script(sql.get(), config.executeInTransaction().orElse(true)));
  }

  private static FlywayScriptConfig.Reading config(
      FolderListing listing, ScriptSet set, String file) {
    String conf = file + ".conf";
    if (!listing.isFile(conf)) {
      return FlywayScriptConfig.NONE;
    }
    FlywayScriptConfig.Reading reading =
        set.text(conf).map(FlywayScriptConfig::read).orElse(FlywayScriptConfig.NONE);
    reading
        .problem()
        .ifPresent(problem -> set.problem(conf + ":" + problem.line(), problem.message()));
    return reading;
  }

  /** The {@code .sql} files everywhere below the folder, Flotilla's own aside. */
  private static List<String> scripts(FolderListing listing) {
    return listing.allFiles().stream()
        .filter(FolderListing::isSql)
        .filter(file -> !CompanionName.looksLike(file))
        .toList();
  }

  private static List<String> companions(FolderListing listing) {
    return listing.allFiles().stream().filter(CompanionName::looksLike).toList();
  }
}
