package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flotilla's own scripts beside any layout: {@code C<version>__<description>.sql} verifies a
 * version once applied, {@code P<version>__<description>.sql} probes a database before it. The
 * version is written as the folder's tool writes it ({@code C1.1__x.sql} beside Flyway, {@code
 * C20240605131359__x.sql} beside sqlx, diesel or dbmate, {@code C3__x.sql} beside {@code
 * 00003_x.sql}) and names the up script whose version is numerically equal. No tool's own names
 * start with a capital C or P and a digit, so these never collide with theirs.
 */
record CompanionName(ScriptKind kind, VersionId version, String description) {
  private static final Pattern LOOKS_LIKE = Pattern.compile("[CP][0-9].*");
  private static final Pattern SHAPE = Pattern.compile("([CP])([0-9]+(?:[._][0-9]+)*)__(.*)\\.sql");

  /** Starts like one ({@code C} or {@code P} and a digit), well-formed or not. */
  static boolean looksLike(String relative) {
    return LOOKS_LIKE.matcher(FolderListing.fileName(relative)).matches()
        && FolderListing.isSql(relative);
  }

  /** The parts of a well-formed name. */
  static Optional<CompanionName> parse(String relative) {
    Matcher matcher = SHAPE.matcher(FolderListing.fileName(relative));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    ScriptKind kind = matcher.group(1).equals("C") ? ScriptKind.VERIFY : ScriptKind.PROBE;
    return VersionId.tryParse(matcher.group(2))
        .map(version -> new CompanionName(kind, version, matcher.group(3).replace('_', ' ')));
  }

  /** The problem with a name that {@link #looksLike} one but is not well-formed. */
  static String malformed() {
    return "not a name for Flotilla's own scripts; expected C<version>__<description>.sql"
        + " (verification) or P<version>__<description>.sql (probe), with the version of the"
        + " migration it is for";
  }
}
