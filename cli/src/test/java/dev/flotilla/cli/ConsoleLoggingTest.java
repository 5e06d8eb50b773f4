package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleLoggingTest {
  private static final String TEXT = "flotilla.console.level";
  private static final String JSON = "flotilla.console.json.level";

  @AfterEach
  void forget() {
    System.clearProperty(TEXT);
    System.clearProperty(JSON);
    System.clearProperty("flotilla.log.file");
  }

  @Test
  void aServiceLogsTextToTheConsoleUnlessJsonIsAskedFor() {
    ConsoleLogging.configureFor(new String[] {"coordinator"}, null);
    assertThat(System.getProperty(TEXT)).isEqualTo("INFO");
    assertThat(System.getProperty(JSON)).isEqualTo("OFF");

    ConsoleLogging.configureFor(new String[] {"coordinator"}, "json");
    assertThat(System.getProperty(TEXT)).isEqualTo("OFF");
    assertThat(System.getProperty(JSON)).isEqualTo("INFO");
  }

  @Test
  void aLevelGivenOnTheCommandLineHoldsInEitherFormat() {
    System.setProperty(TEXT, "DEBUG");
    ConsoleLogging.configureFor(new String[] {"migration-worker"}, "json");
    assertThat(System.getProperty(JSON)).isEqualTo("DEBUG");
    assertThat(System.getProperty(TEXT)).isEqualTo("OFF");
  }

  @Test
  void aCommandThatTalksToPeopleWritesNoLogToTheConsoleInEitherFormat() {
    for (String format : new String[] {null, "text", "json"}) {
      for (String[] command :
          new String[][] {
            {"status", "r-1"}, {"fleet", "census", "--set", "s", "--json"}, {"audit", "verify"}
          }) {
        ConsoleLogging.configureFor(command, format);
        assertThat(System.getProperty(TEXT)).as("%s %s", format, command[0]).isEqualTo("OFF");
        assertThat(System.getProperty(JSON)).as("%s %s", format, command[0]).isEqualTo("OFF");
      }
    }
  }
}
