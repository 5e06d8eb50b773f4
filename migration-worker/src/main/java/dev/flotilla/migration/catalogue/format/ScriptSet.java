package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers what a layout finds in a folder and applies the rules every layout shares: one script of
 * each kind per version (numerically equal versions are one version), no down, verification or
 * probe script without its up script, no up script without SQL, and at least one up script. A down
 * script without SQL is no down script: the tools treat an empty down as "cannot be undone" (diesel
 * refuses to run one; dbmate and goose projects leave it empty for irreversible migrations), and so
 * does Flotilla, which then restores from the backup rather than undo nothing.
 */
final class ScriptSet {
  private static final Comparator<FolderScript> ORDER =
      Comparator.comparing(FolderScript::version).thenComparing(script -> script.kind().ordinal());

  private final FolderListing listing;
  private final FolderFormat format;
  private final List<String> problems = new ArrayList<>();
  private final Map<Slot, String> fileOfSlot = new HashMap<>();
  private final List<FolderScript> scripts = new ArrayList<>();
  private final List<RepeatableScript> repeatables = new ArrayList<>();
  private final List<SkippedEntry> skipped = new ArrayList<>();

  private record Slot(VersionId version, ScriptKind kind) {}

  ScriptSet(FolderListing listing, FolderFormat format) {
    this.listing = listing;
    this.format = format;
  }

  /** {@code file: reason}, one line of the refusal. */
  void problem(String file, String reason) {
    problems.add(file + ": " + reason);
  }

  /** The text of {@code file}, or empty after recording why it cannot be had. */
  Optional<String> text(String file) {
    try {
      return Optional.of(listing.text(file));
    } catch (FolderListing.Unreadable e) {
      problem(file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Records that {@code file} holds the {@code kind} script of {@code version}, before its text is
   * read, so that an unreadable up script still counts as there.
   *
   * @return false, after recording the problem, when another file already holds it
   */
  boolean claim(VersionId version, ScriptKind kind, String file) {
    String previous = fileOfSlot.putIfAbsent(new Slot(version, kind), file);
    if (previous != null && !previous.equals(file)) {
      problem(file, previous + " already holds the " + noun(kind) + " of version " + version);
      return false;
    }
    return true;
  }

  /**
   * Adds a {@link #claim claimed} script; {@code part} names the part of the file it is ({@code --
   * +goose Up section}), or is empty when it is the whole file.
   */
  void add(FolderScript script, String part) {
    if (!SqlText.hasStatements(script.sql())) {
      if (script.kind() == ScriptKind.UNDO) {
        return;
      }
      problem(
          script.file(),
          (part.isEmpty() ? "has" : "its " + part + " has")
              + " no SQL to run, only comments and blank lines");
      return;
    }
    scripts.add(script);
  }

  /** Reads a {@code C…} or {@code P…} file beside the tool's scripts. */
  void addCompanion(String file) {
    Optional<CompanionName> name = CompanionName.parse(file);
    if (name.isEmpty()) {
      problem(file, CompanionName.malformed());
      return;
    }
    CompanionName companion = name.get();
    if (!claim(companion.version(), companion.kind(), file)) {
      return;
    }
    text(file)
        .ifPresent(
            sql ->
                add(
                    new FolderScript(
                        companion.version(),
                        companion.kind(),
                        companion.description(),
                        sql,
                        file,
                        true),
                    ""));
  }

  void addRepeatable(RepeatableScript script) {
    if (!SqlText.hasStatements(script.sql())) {
      problem(script.file(), "has no SQL to run, only comments and blank lines");
      return;
    }
    repeatables.add(script);
  }

  void skip(String path, String reason) {
    skipped.add(new SkippedEntry(path, reason));
  }

  /**
   * Refuses a folder whose tool would run its up scripts in another order than their versions':
   * Flotilla runs versions in order. {@code howItSorts} completes "it sorts …".
   *
   * @param migrations the up scripts as the tool orders them
   */
  void checkToolOrder(List<FolderScript> migrations, String howItSorts) {
    for (int i = 1; i < migrations.size(); i++) {
      FolderScript before = migrations.get(i - 1);
      FolderScript after = migrations.get(i);
      if (before.version().compareTo(after.version()) > 0) {
        problem(
            after.file(),
            format.displayName()
                + " runs it after "
                + before.file()
                + " (it sorts "
                + howItSorts
                + "), but its version "
                + after.version()
                + " is lower than "
                + before.version()
                + "; Flotilla runs versions in numeric order, so the two would disagree");
      }
    }
  }

  /**
   * The reading, scripts in version order.
   *
   * @throws MigrationFolderException listing every problem recorded or found here
   */
  FolderReading build() {
    List<String> all = new ArrayList<>(problems);
    boolean anyUp = fileOfSlot.keySet().stream().anyMatch(slot -> slot.kind == ScriptKind.MIGRATE);
    if (!anyUp && repeatables.isEmpty()) {
      all.add("has no migration scripts in the " + format.displayName() + " layout");
    }
    fileOfSlot.entrySet().stream()
        .filter(entry -> entry.getKey().kind() != ScriptKind.MIGRATE)
        .filter(
            entry ->
                !fileOfSlot.containsKey(new Slot(entry.getKey().version(), ScriptKind.MIGRATE)))
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            entry ->
                all.add(
                    entry.getValue()
                        + ": there is no up script of version "
                        + entry.getKey().version()
                        + " for it to "
                        + purpose(entry.getKey().kind())));
    if (!all.isEmpty()) {
      throw new MigrationFolderException(listing.root(), all);
    }
    scripts.sort(ORDER);
    return new FolderReading(listing.root(), format, scripts, repeatables, skipped);
  }

  private static String noun(ScriptKind kind) {
    return switch (kind) {
      case MIGRATE -> "up script";
      case UNDO -> "down script";
      case VERIFY -> "verification script";
      case PROBE -> "probe script";
    };
  }

  private static String purpose(ScriptKind kind) {
    return switch (kind) {
      case UNDO -> "undo";
      case VERIFY -> "verify";
      case PROBE -> "run before";
      case MIGRATE -> throw new IllegalArgumentException("an up script is its own version");
    };
  }
}
