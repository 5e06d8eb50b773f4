package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What pushing a folder's scripts would do to the catalogue as it is now, decided before anything
 * is published. A script whose key (set, version, kind) is published with another SHA-256 is a
 * conflict: devices may have applied the published text, and their history would no longer match
 * the catalogue. Conflicts refuse the whole push unless it is forced; a forced push records, in
 * each replacing script, the SHA-256 it replaced. Scripts the catalogue already holds as they are
 * are not published again, so pushing the same folder twice publishes nothing the second time.
 *
 * @param publish what to publish, in the folder's order; empty when refused
 * @param unchanged the scripts the catalogue already holds as they are
 * @param conflicts the scripts whose SHA-256 differs from the published one's
 * @param forced whether the conflicts are replaced rather than refused
 */
public record PushPlan(
    List<MigrationScript> publish,
    List<MigrationScript> unchanged,
    List<Conflict> conflicts,
    boolean forced) {
  public PushPlan {
    publish = List.copyOf(publish);
    unchanged = List.copyOf(unchanged);
    conflicts = List.copyOf(conflicts);
  }

  /** A script of the folder whose key the catalogue holds with another SHA-256. */
  public record Conflict(MigrationScript published, MigrationScript pushed) {
    /** {@code V2 V2__rebuild.sql: published 9f86d0818847, the folder has 65fd6b03c76e}. */
    public String describe() {
      String file = pushed.file().isEmpty() ? "" : " " + pushed.file();
      String publishedFile =
          published.file().isEmpty() || published.file().equals(pushed.file())
              ? ""
              : " (from " + published.file() + ")";
      return pushed.kind().prefix()
          + pushed.version()
          + file
          + ": published with SHA-256 "
          + abbreviated(published.sha256())
          + publishedFile
          + ", the folder's is "
          + abbreviated(pushed.sha256());
    }
  }

  /** How many hex digits of a SHA-256 messages show: enough to tell scripts apart. */
  public static final int SHORT_SHA = 12;

  /**
   * Compares {@code scripts}, read from one folder, with what {@code catalogue} holds.
   *
   * @param force replace published scripts of another SHA-256 rather than refuse
   */
  public static PushPlan of(Catalogue catalogue, List<MigrationScript> scripts, boolean force) {
    List<MigrationScript> publish = new ArrayList<>();
    List<MigrationScript> unchanged = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    for (MigrationScript script : scripts) {
      Optional<MigrationScript> published =
          catalogue.script(script.migrationSet(), script.version(), script.kind());
      if (published.isEmpty()) {
        publish.add(script);
      } else if (!published.get().sha256().equals(script.sha256())) {
        conflicts.add(new Conflict(published.get(), script));
        publish.add(replacing(script, published.get().sha256()));
      } else {
        // The same text: a replacement recorded earlier stays recorded.
        MigrationScript again = replacing(script, published.get().replacedSha256());
        if (sameContent(again, published.get())) {
          unchanged.add(script);
        } else {
          publish.add(again);
        }
      }
    }
    boolean refused = !conflicts.isEmpty() && !force;
    return new PushPlan(refused ? List.of() : publish, unchanged, conflicts, force);
  }

  /** Conflicts and no {@code --force}: nothing may be published. */
  public boolean refused() {
    return !conflicts.isEmpty() && !forced;
  }

  /** The catalogue already holds every script as it is. */
  public boolean nothingChanged() {
    return publish.isEmpty() && conflicts.isEmpty();
  }

  public static String abbreviated(String sha256) {
    return sha256.substring(0, SHORT_SHA);
  }

  private static MigrationScript replacing(MigrationScript script, String previous) {
    if (previous == null) {
      return script;
    }
    return script.replacing(
        ScriptIdentity.of(
            script.migrationSet(),
            script.kind(),
            script.version(),
            script.sha256(),
            script.allowedRowLoss(),
            previous),
        previous);
  }

  /** Equal but for the message id and the time: publishing it again would change nothing. */
  private static boolean sameContent(MigrationScript a, MigrationScript b) {
    return a.version().toString().equals(b.version().toString())
        && a.kind() == b.kind()
        && a.description().equals(b.description())
        && a.sql().equals(b.sql())
        && a.sha256().equals(b.sha256())
        && a.transactional() == b.transactional()
        && a.allowedRowLoss().equals(b.allowedRowLoss())
        && a.file().equals(b.file())
        && Objects.equals(a.replacedSha256(), b.replacedSha256());
  }
}
