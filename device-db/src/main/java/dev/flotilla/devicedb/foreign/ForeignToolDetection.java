package dev.flotilla.devicedb.foreign;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which migration tools left their history in a database, each with what showed it.
 *
 * @param found the tools whose table (with the tool's columns) or {@code user_version} is there, in
 *     {@link ForeignTool} order
 * @param doubts tables that bear a tool's name without its columns: not counted as found, named so
 *     an operator can tell why a database was not adopted
 */
public record ForeignToolDetection(List<Found> found, List<String> doubts) {

  /** One tool and the evidence: the table and columns, or the pragma's value. */
  public record Found(ForeignTool tool, String evidence) {
    public Found {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(evidence, "evidence");
    }
  }

  public ForeignToolDetection {
    found = List.copyOf(found);
    doubts = List.copyOf(doubts);
  }

  /**
   * The one tool found, if exactly one was: a database with two histories (an application that
   * changed tools, or a tool table and a {@code user_version} both set) is not adopted on a guess.
   */
  public Optional<ForeignTool> only() {
    return found.size() == 1 ? Optional.of(found.get(0).tool()) : Optional.empty();
  }

  public List<ForeignTool> tools() {
    return found.stream().map(Found::tool).toList();
  }
}
