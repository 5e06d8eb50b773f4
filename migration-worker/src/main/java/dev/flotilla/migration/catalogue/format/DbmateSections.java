package dev.flotilla.migration.catalogue.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a dbmate migration into its up and down SQL, following dbmate's own parser ({@code
 * pkg/dbmate/migration.go}):
 *
 * <ul>
 *   <li>a marker is a line {@code -- migrate:up} or {@code -- migrate:down}, optionally followed by
 *       options such as {@code transaction:false} ({@code key:value} words; only {@code
 *       transaction} means anything, and only {@code false} turns it off);
 *   <li>only blank lines and comments come before the first {@code -- migrate:up};
 *   <li>each {@code -- migrate:up} starts a section, which needs exactly one {@code --
 *       migrate:down} (an empty down block is the usual way to say "cannot be undone").
 * </ul>
 *
 * dbmate runs a file's sections one after the other, each up in its own transaction or not, and
 * undoes them in the same order. Here the ups of a file become one script and the downs another,
 * which is only the same when the sections agree on their transaction options; a file whose
 * sections do not is refused. Lines of the other direction are left blank, so the SQL's line
 * numbers stay the file's.
 */
final class DbmateSections {
  private static final Pattern MARKER =
      Pattern.compile("^--\\s*migrate:(up|down)(\\s*$|\\s+\\S.*)");

  private DbmateSections() {}

  record Parsed(
      Optional<Section> up,
      Optional<Section> down,
      boolean upTransactional,
      boolean downTransactional,
      Optional<Problem> problem) {}

  /**
   * @param line 1-based; 0 when the problem is with the whole file
   */
  record Problem(int line, String message) {}

  private record Marker(int line, boolean up, boolean transactional) {}

  /** Whether the text has a {@code -- migrate:up} line. */
  static boolean hasUpMarker(String text) {
    return SqlText.lines(text).stream()
        .map(DbmateSections::marker)
        .anyMatch(marker -> marker.isPresent() && marker.get().up());
  }

  static Parsed parse(String text) {
    List<String> lines = SqlText.lines(text);
    List<Marker> markers = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int index = i;
      marker(lines.get(i))
          .ifPresent(m -> markers.add(new Marker(index, m.up(), m.transactional())));
    }
    Optional<Marker> firstUp = markers.stream().filter(Marker::up).findFirst();
    if (firstUp.isEmpty()) {
      return failed(0, "has no -- migrate:up line; dbmate requires one before the SQL it runs");
    }
    for (int i = 0; i < firstUp.get().line(); i++) {
      String line = lines.get(i).strip();
      if (marker(lines.get(i)).isPresent()) {
        return failed(i + 1, "-- migrate:down before -- migrate:up");
      }
      if (!line.isEmpty() && !line.startsWith("--")) {
        return failed(
            i + 1, "SQL before -- migrate:up; dbmate does not run statements outside its blocks");
      }
    }
    List<Marker> ups = new ArrayList<>();
    List<Marker> downs = new ArrayList<>();
    List<int[]> upBodies = new ArrayList<>();
    List<int[]> downBodies = new ArrayList<>();
    List<Marker> fromFirstUp = markers.subList(markers.indexOf(firstUp.get()), markers.size());
    for (int i = 0; i < fromFirstUp.size(); i++) {
      Marker up = fromFirstUp.get(i);
      if (!up.up()) {
        return failed(
            up.line() + 1, "a second -- migrate:down after one -- migrate:up; dbmate refuses it");
      }
      if (i + 1 >= fromFirstUp.size() || fromFirstUp.get(i + 1).up()) {
        return failed(
            up.line() + 1,
            "this -- migrate:up has no -- migrate:down after it; dbmate requires one (leave the"
                + " block empty if the migration cannot be undone)");
      }
      Marker down = fromFirstUp.get(++i);
      int end = i + 1 < fromFirstUp.size() ? fromFirstUp.get(i + 1).line() : lines.size();
      ups.add(up);
      downs.add(down);
      upBodies.add(new int[] {up.line() + 1, down.line()});
      downBodies.add(new int[] {down.line() + 1, end});
    }
    Optional<Parsed> disagreement = disagreement(ups).or(() -> disagreement(downs));
    if (disagreement.isPresent()) {
      return disagreement.get();
    }
    return new Parsed(
        Optional.of(merged(lines, upBodies)),
        Optional.of(merged(lines, downBodies)),
        ups.get(0).transactional(),
        downs.get(0).transactional(),
        Optional.empty());
  }

  private static Optional<Parsed> disagreement(List<Marker> markers) {
    return markers.stream()
        .filter(marker -> marker.transactional() != markers.get(0).transactional())
        .findFirst()
        .map(
            marker ->
                failed(
                    marker.line() + 1,
                    "this section's transaction option differs from the first section's;"
                        + " Flotilla runs a file's "
                        + (marker.up() ? "up" : "down")
                        + " blocks as one script, so they must agree"));
  }

  /** The lines of {@code bodies}, from the first's start to the last's end, others blank. */
  private static Section merged(List<String> lines, List<int[]> bodies) {
    int from = bodies.get(0)[0];
    int to = bodies.get(bodies.size() - 1)[1];
    List<String> kept = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int line = i;
      boolean inBody = bodies.stream().anyMatch(body -> line >= body[0] && line < body[1]);
      kept.add(inBody ? lines.get(i) : "");
    }
    return new Section(SqlText.join(kept), from + 1);
  }

  /** A marker line's direction and whether it leaves the transaction on. */
  private static Optional<Marker> marker(String line) {
    Matcher matcher = MARKER.matcher(line);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, String> options = new HashMap<>();
    String rest = matcher.group(2).strip();
    if (!rest.isEmpty()) {
      for (String pair : rest.split("\\s+")) {
        String[] parts = pair.split(":", -1);
        if (parts.length == 2) {
          options.put(parts[0], parts[1]);
        }
      }
    }
    return Optional.of(
        new Marker(-1, matcher.group(1).equals("up"), !"false".equals(options.get("transaction"))));
  }

  private static Parsed failed(int line, String message) {
    return new Parsed(
        Optional.empty(), Optional.empty(), true, true, Optional.of(new Problem(line, message)));
  }
}
