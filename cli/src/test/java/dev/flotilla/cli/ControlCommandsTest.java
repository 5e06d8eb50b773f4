package dev.flotilla.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.Accepted;
import dev.flotilla.contracts.view.ViewCodec;
import dev.flotilla.contracts.view.ViewSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** What an operator's command says it asked. */
class ControlCommandsTest {
  @Test
  void itSaysWhatWasAskedByWhomAndWhereTheAnswerWillShow() {
    assertThat(
            ControlCommands.asked("pause rollout r-2026-11-22-a", "ops@host", ViewSamples.ACCEPTED))
        .isEqualTo(
            "asked to pause rollout r-2026-11-22-a as ops@host (PauseRollout"
                + " 00000000-0000-4000-8000-000000000002); the coordinator decides: flotilla status"
                + " r-2026-11-22-a");
  }

  @Test
  void withJsonItPrintsTheApisOwnAnswer() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    JsonOption output = new JsonOption();
    output.json = true;

    output.print(ViewSamples.ACCEPTED, "a sentence", new PrintStream(printed, true, UTF_8));

    Accepted read = new ViewCodec().decode(printed.toString(UTF_8).strip(), Accepted.class);
    assertThat(read).isEqualTo(ViewSamples.ACCEPTED);
    assertThat(printed.toString(UTF_8)).doesNotContain("a sentence").contains("\"links\"");
  }

  @Test
  void whoAsksIsTheUserAtThisHostUnlessSaid() {
    assertThat(Requester.defaultName()).contains("@");
    Requester requester = new Requester();
    requester.requestedBy = "lead@example.com";
    assertThat(requester.name()).isEqualTo("lead@example.com");
  }
}
