package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live lines: redrawn in place on a terminal, printed when they change elsewhere. */
class LiveScreenTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void inALogOnlyTheLinesThatChangedArePrintedWithTheTime() {
    LiveScreen screen = new LiveScreen(out, false);

    screen.show(List.of(line("rollout", "a 0/2"), line("wave 1", "w 0/2")), 0);
    screen.show(List.of(line("rollout", "a 0/2"), line("wave 1", "w 0/2")), 500_000_000L);
    screen.show(List.of(line("rollout", "a 1/2"), line("wave 1", "w 0/2")), 1_000_000_000L);

    assertThat(text().lines())
        .containsExactly("   0.0s  a 0/2", "   0.0s  w 0/2", "   1.0s  a 1/2");
  }

  @Test
  void onATerminalEachFrameGoesBackUpOverThePreviousOne() {
    LiveScreen screen = new LiveScreen(out, true);

    screen.show(List.of(line("rollout", "a 0/2"), line("wave 1", "w 0/2")), 0);
    screen.show(List.of(line("rollout", "a 1/2")), 1_000_000_000L);

    String text = text();
    assertThat(text).startsWith("\033[2K   0.0s  a 0/2\n\033[2K   0.0s  w 0/2\n\033[J");
    assertThat(text).endsWith("\033[2F\033[2K   1.0s  a 1/2\n\033[J");
  }

  private static ProgressLines.Line line(String key, String text) {
    return new ProgressLines.Line(key, text);
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
