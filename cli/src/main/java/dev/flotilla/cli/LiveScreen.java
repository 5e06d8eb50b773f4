package dev.flotilla.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows lines that change over time. On a terminal it redraws them in place (ANSI: up to the first
 * line, rewrite each, clear what is left below); elsewhere, a log or a pipe, it prints a line only
 * when its text changed, with the time since the start, so the output stays readable.
 */
final class LiveScreen {
  private static final String UP = "\033[%dF";
  private static final String CLEAR_LINE = "\033[2K";
  private static final String CLEAR_BELOW = "\033[J";

  private final PrintStream out;
  private final boolean redraw;
  private final Map<String, String> printed = new HashMap<>();
  private int drawn;

  /**
   * @param redraw true on a terminal
   */
  LiveScreen(PrintStream out, boolean redraw) {
    this.out = out;
    this.redraw = redraw;
  }

  /** On a terminal: {@code System.console()} is there only when input and output are one. */
  static LiveScreen forConsole(PrintStream out) {
    return new LiveScreen(out, System.console() != null);
  }

  void show(List<ProgressLines.Line> lines, long elapsedNanos) {
    String time = elapsed(elapsedNanos);
    if (redraw) {
      StringBuilder frame = new StringBuilder();
      if (drawn > 0) {
        frame.append(String.format(UP, drawn));
      }
      for (ProgressLines.Line line : lines) {
        frame.append(CLEAR_LINE).append(time).append("  ").append(line.text()).append('\n');
      }
      frame.append(CLEAR_BELOW);
      out.print(frame);
      out.flush();
      drawn = lines.size();
      return;
    }
    for (ProgressLines.Line line : lines) {
      if (!line.text().equals(printed.put(line.key(), line.text()))) {
        out.println(time + "  " + line.text());
      }
    }
  }

  static String elapsed(long nanos) {
    return String.format(Locale.ROOT, "%6.1fs", nanos / 1e9);
  }
}
