package dev.flotilla.cli;

import java.nio.file.Path;
import java.util.Set;

/**
 * The demo and the operator commands talk to people, so logs go to a file there; a service run on
 * its own logs to the console, as text or, with {@code FLOTILLA_LOG_FORMAT=json}, one JSON object
 * per line. Decided before the first logger exists.
 */
final class ConsoleLogging {
  static final String DEFAULT_DEMO_DIR = "flotilla-demo";
  private static final Set<String> QUIET =
      Set.of(
          "demo",
          "publish",
          "migrations",
          "watch",
          "status",
          "audit",
          "replay",
          "backups",
          "devices",
          "dry-run",
          "pause",
          "resume",
          "abort",
          "approve",
          "fleet",
          "tokens");

  private ConsoleLogging() {}

  static void configureFor(String[] args) {
    configureFor(args, System.getenv("FLOTILLA_LOG_FORMAT"));
  }

  /**
   * Opens the console appender of {@code format} ({@code json}, else text) by its level, and closes
   * both for the commands that talk to people.
   */
  static void configureFor(String[] args, String format) {
    boolean quiet = args.length > 0 && QUIET.contains(args[0]);
    boolean json = "json".equalsIgnoreCase(format);
    // A level given with -Dflotilla.console.level (FLOTILLA_JAVA_OPTS) still holds for services.
    String level = quiet ? "OFF" : System.getProperty("flotilla.console.level", "INFO");
    System.setProperty("flotilla.console.level", json ? "OFF" : level);
    System.setProperty("flotilla.console.json.level", json ? level : "OFF");
    if (!quiet) {
      return;
    }
    if (args[0].equals("demo")) {
      String dir = DEFAULT_DEMO_DIR;
      for (int i = 1; i < args.length; i++) {
        if (args[i].equals("--work-dir") && i + 1 < args.length) {
          dir = args[i + 1];
        } else if (args[i].startsWith("--work-dir=")) {
          dir = args[i].substring("--work-dir=".length());
        }
      }
      System.setProperty("flotilla.log.file", Path.of(dir, "flotilla.log").toString());
    }
  }
}
