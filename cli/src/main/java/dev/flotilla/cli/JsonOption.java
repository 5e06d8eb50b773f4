package dev.flotilla.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --json}, for commands whose whole answer is one view of the API. */
final class JsonOption {
  @Option(names = "--json", description = "Print the API's answer as JSON, with its fields.")
  boolean json;

  /** The view as {@link JsonOutput} writes it with {@code --json}, else the sentence for people. */
  void print(Object answer, String sentence, PrintStream out) {
    if (json) {
      out.print(JsonOutput.of(answer));
    } else {
      out.println(sentence);
    }
  }
}
