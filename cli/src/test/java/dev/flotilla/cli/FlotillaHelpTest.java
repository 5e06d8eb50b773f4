package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code flotilla --help} ends with what each exit code means; the subcommands' help does not. */
class FlotillaHelpTest {
  @Test
  void theTopCommandListsTheExitCodes() {
    CommandLine flotilla = FlotillaCommand.commandLine();

    String usage = flotilla.getUsageMessage();
    assertThat(usage).contains("Exit codes:");
    for (int code = 0; code <= 5; code++) {
      assertThat(usage).containsPattern("(?m)^  " + code + "  ");
    }
    assertThat(flotilla.getSubcommands().get("watch").getUsageMessage())
        .doesNotContain("Exit codes:")
        .contains("flotilla --help");
  }
}
