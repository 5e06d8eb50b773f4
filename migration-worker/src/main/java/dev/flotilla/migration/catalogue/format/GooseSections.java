package dev.flotilla.migration.catalogue.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits a goose SQL migration into its {@code -- +goose Up} and {@code -- +goose Down} sections,
 * following goose's own parser ({@code internal/sqlparser/parser.go}) rule for rule, so that a file
 * goose refuses is refused here too, at the line goose stops at:
 *
 * <ul>
 *   <li>an annotation is a line that starts with {@code --} and contains {@code +goose}; it must
 *       not be indented, holds one {@code +goose}, and names one of {@code Up}, {@code Down},
 *       {@code StatementBegin}, {@code StatementEnd}, {@code NO TRANSACTION}, {@code ENVSUB ON},
 *       {@code ENVSUB OFF} (in any case);
 *   <li>only blank lines and comments come before {@code Up}; there is one {@code Up}, then at most
 *       one {@code Down};
 *   <li>outside {@code StatementBegin}…{@code StatementEnd} every statement ends with a {@code ;}
 *       at the end of a line (before any {@code --} comment on it); a block must be closed;
 *   <li>{@code NO TRANSACTION}, anywhere, runs both sections outside a transaction.
 * </ul>
 *
 * A section's SQL is its lines verbatim, {@code StatementBegin}/{@code End} comments included
 * (SQLite runs a trigger's {@code BEGIN … END;} whole without them), so its line numbers map to the
 * file's. {@code ENVSUB ON} is refused: goose would put environment variables into the SQL when it
 * runs, and Flotilla runs scripts as written.
 */
final class GooseSections {
  private GooseSections() {}

  /** The sections of a goose file, or the first problem goose would stop at. */
  record Parsed(
      Optional<Section> up,
      Optional<Section> down,
      boolean transactional,
      Optional<Problem> problem) {}

  /**
   * @param line 1-based; 0 when the problem is with the whole file
   */
  record Problem(int line, String message) {}

  private enum State {
    START,
    UP,
    UP_BLOCK,
    DOWN,
    DOWN_BLOCK
  }

  private enum Annotation {
    UP("Up"),
    DOWN("Down"),
    STATEMENT_BEGIN("StatementBegin"),
    STATEMENT_END("StatementEnd"),
    NO_TRANSACTION("NO TRANSACTION"),
    ENVSUB_ON("ENVSUB ON"),
    ENVSUB_OFF("ENVSUB OFF");

    final String text;

    Annotation(String text) {
      this.text = text;
    }
  }

  static Parsed parse(String text) {
    return new Parser(SqlText.lines(text)).parse();
  }

  /** Whether a line is a goose annotation line, well-formed or not. */
  static boolean isAnnotationLine(String line) {
    return line.strip().startsWith("--") && line.contains("+goose");
  }

  private static final class Parser {
    private final List<String> lines;
    private State state = State.START;
    private boolean transactional = true;
    private final StringBuilder statement = new StringBuilder();
    private int upStart = -1;
    private int downMarker = -1;
    private int blockStart = -1;

    Parser(List<String> lines) {
      this.lines = lines;
    }

    Parsed parse() {
      for (int i = 0; i < lines.size(); i++) {
        Optional<Problem> problem = line(i, lines.get(i));
        if (problem.isPresent()) {
          return failed(problem.get());
        }
      }
      return switch (state) {
        case START ->
            failed(
                new Problem(
                    0,
                    "has no -- +goose Up annotation; goose requires one before the SQL it runs"));
        case UP_BLOCK, DOWN_BLOCK ->
            failed(
                new Problem(
                    blockStart + 1, "-- +goose StatementBegin has no -- +goose StatementEnd"));
        case UP, DOWN -> finished();
      };
    }

    private Parsed finished() {
      if (!statement.toString().isBlank()) {
        return failed(
            new Problem(
                lines.size(),
                "the last statement does not end with a semicolon; goose would refuse it"));
      }
      int upEnd = downMarker < 0 ? lines.size() : downMarker;
      Section up = Section.of(lines, upStart, upEnd);
      Optional<Section> down =
          downMarker < 0
              ? Optional.empty()
              : Optional.of(Section.of(lines, downMarker + 1, lines.size()));
      return new Parsed(Optional.of(up), down, transactional, Optional.empty());
    }

    private Parsed failed(Problem problem) {
      return new Parsed(Optional.empty(), Optional.empty(), transactional, Optional.of(problem));
    }

    private Optional<Problem> line(int index, String line) {
      String trimmed = line.strip();
      if (state == State.START && trimmed.isEmpty()) {
        return Optional.empty();
      }
      if (isAnnotationLine(line)) {
        Annotation annotation;
        try {
          annotation = annotation(line);
        } catch (IllegalArgumentException e) {
          return problem(index, e.getMessage());
        }
        return annotated(index, annotation);
      }
      // Comments and empty lines between statements are not part of any statement.
      if (statement.length() == 0 && (trimmed.startsWith("--") || line.isEmpty())) {
        return Optional.empty();
      }
      if (state == State.START) {
        return problem(
            index, "SQL before -- +goose Up; goose requires the script to start with that section");
      }
      statement.append(line).append('\n');
      if ((state == State.UP || state == State.DOWN) && endsWithSemicolon(line)) {
        statement.setLength(0);
      }
      return Optional.empty();
    }

    private Optional<Problem> annotated(int index, Annotation annotation) {
      switch (annotation) {
        case UP -> {
          if (state != State.START) {
            return problem(index, "a second -- +goose Up; a script has one Up section");
          }
          state = State.UP;
          upStart = index + 1;
        }
        case DOWN -> {
          if (state != State.UP) {
            return problem(
                index,
                state == State.START
                    ? "-- +goose Down before -- +goose Up"
                    : state == State.DOWN
                        ? "a second -- +goose Down; a script has one Down section"
                        : "-- +goose Down inside a StatementBegin block");
          }
          if (!statement.toString().isBlank()) {
            return Optional.of(unfinished(index));
          }
          state = State.DOWN;
          downMarker = index;
        }
        case STATEMENT_BEGIN -> {
          if (state == State.UP || state == State.DOWN) {
            state = state == State.UP ? State.UP_BLOCK : State.DOWN_BLOCK;
            blockStart = index;
          } else {
            return problem(
                index,
                "-- +goose StatementBegin must come after -- +goose Up or -- +goose Down, outside"
                    + " another block");
          }
        }
        case STATEMENT_END -> {
          if (state == State.UP_BLOCK || state == State.DOWN_BLOCK) {
            state = state == State.UP_BLOCK ? State.UP : State.DOWN;
            statement.setLength(0);
          } else {
            return problem(index, "-- +goose StatementEnd without a StatementBegin before it");
          }
        }
        case NO_TRANSACTION -> transactional = false;
        case ENVSUB_ON -> {
          return problem(
              index,
              "-- +goose ENVSUB ON has goose put environment variables into the SQL as it runs;"
                  + " Flotilla runs scripts as written, so write the values in");
        }
        case ENVSUB_OFF -> {}
      }
      return Optional.empty();
    }

    private static Problem unfinished(int index) {
      return new Problem(
          index + 1,
          "the statement before this line does not end with a semicolon; goose would refuse it");
    }

    private static Optional<Problem> problem(int index, String message) {
      return Optional.of(new Problem(index + 1, message));
    }
  }

  /** goose's extractAnnotation: {@code -- +goose Up} → Up. */
  private static Annotation annotation(String line) {
    if (line.startsWith(" ") || line.startsWith("\t")) {
      throw new IllegalArgumentException(
          "a goose annotation must start at the beginning of its line");
    }
    String command = line.replace("--", "").replaceFirst("\\+goose", "");
    if (command.contains("+goose")) {
      throw new IllegalArgumentException("more than one +goose on one line");
    }
    command = command.strip();
    for (Annotation annotation : Annotation.values()) {
      if (annotation.text.toLowerCase(Locale.ROOT).equals(command.toLowerCase(Locale.ROOT))) {
        return annotation;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + line.strip()
            + "' is not a goose annotation; goose knows Up, Down, StatementBegin, StatementEnd,"
            + " NO TRANSACTION, ENVSUB ON and ENVSUB OFF");
  }

  /** goose's endsWithSemicolon: the last word before any {@code --} word ends with {@code ;}. */
  static boolean endsWithSemicolon(String line) {
    String last = "";
    for (String word : line.strip().split("\\s+")) {
      if (word.startsWith("--")) {
        break;
      }
      last = word;
    }
    return last.endsWith(";");
  }
}
