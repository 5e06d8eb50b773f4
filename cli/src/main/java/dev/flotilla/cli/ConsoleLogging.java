package dev.flotilla.cli;

import java.nio.file.Path;
import java.util.Set;

/**
 * The demo and the operator commands talk to people, so logs go to a file there; a service run on
 * its own logs to the console. Decided before the first logger exists.
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
          "approve");

  private ConsoleLogging() {}

  static void configureFor(String[] args) {
    if (args.length == 0 || !QUIET.contains(args[0])) {
      return;
    }
    System.setProperty("flotilla.console.level", "OFF");
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
