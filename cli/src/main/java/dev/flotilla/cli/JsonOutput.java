package dev.flotilla.cli;

import dev.flotilla.contracts.view.ViewCodec;

/**
 * What {@code --json} prints: the coordinator's API answer as the API writes it, the same fields,
 * pretty-printed.
 */
final class JsonOutput {
  private static final ViewCodec VIEWS = new ViewCodec();

  private JsonOutput() {}

  /** The view's JSON on several lines, with a final newline. */
  static String of(Object view) {
    return VIEWS.encodePretty(view) + System.lineSeparator();
  }

  /** The view's JSON on one line, without a newline: one record of a JSON Lines stream. */
  static String line(Object view) {
    return VIEWS.encodeToString(view);
  }
}
