package dev.flotilla.cli;

import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.Accepted;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla pause|resume|abort ROLLOUT} and {@code flotilla approve ROLLOUT WAVE}: an
 * operator's command, through the coordinator's API onto {@code flotilla.control}. The coordinator
 * decides on it; a command that cannot apply is refused there, and the audit trail says why.
 */
final class ControlCommands {
  private ControlCommands() {}

  @Command(
      name = "pause",
      description = "Pause a rollout: no device starts; those in flight finish.")
  static final class Pause implements Callable<Integer> {
    @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
    String rolloutId;

    @Mixin Requester requester;

    @Mixin ApiClient api;

    @Mixin JsonOption output;

    @Override
    public Integer call() throws InterruptedException {
      return ask(api, requester, output, rolloutId, "pause", "pause rollout " + rolloutId);
    }
  }

  @Command(
      name = "resume",
      description = "Resume a paused rollout, or one its failure threshold halted.")
  static final class Resume implements Callable<Integer> {
    @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
    String rolloutId;

    @Mixin Requester requester;

    @Mixin ApiClient api;

    @Mixin JsonOption output;

    @Override
    public Integer call() throws InterruptedException {
      return ask(api, requester, output, rolloutId, "resume", "resume rollout " + rolloutId);
    }
  }

  @Command(
      name = "abort",
      description =
          "Abort a rollout for good: devices not yet begun are skipped, those in flight finish.")
  static final class Abort implements Callable<Integer> {
    @Parameters(paramLabel = "ROLLOUT", description = "The rollout id.")
    String rolloutId;

    @Mixin Requester requester;

    @Mixin ApiClient api;

    @Mixin JsonOption output;

    @Override
    public Integer call() throws InterruptedException {
      return ask(api, requester, output, rolloutId, "abort", "abort rollout " + rolloutId);
    }
  }

  @Command(name = "approve", description = "Let wave WAVE of a rollout start.")
  static final class Approve implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout id.")
    String rolloutId;

    @Parameters(index = "1", paramLabel = "WAVE", description = "The wave, 1 for the first.")
    int wave;

    @Mixin Requester requester;

    @Mixin ApiClient api;

    @Mixin JsonOption output;

    @Override
    public Integer call() throws InterruptedException {
      if (wave < 1) {
        throw new UserError("WAVE: " + wave + " is not a wave; waves are numbered from 1");
      }
      return ask(
          api,
          requester,
          output,
          rolloutId,
          "waves/" + wave + "/approve",
          "approve wave " + wave + " of rollout " + rolloutId);
    }
  }

  /** Posts the command; says what was asked, and where the coordinator's answer will show. */
  private static int ask(
      ApiClient api,
      Requester requester,
      JsonOption output,
      String rolloutId,
      String action,
      String what)
      throws InterruptedException {
    RolloutId id = RolloutId.of(rolloutId);
    String by = requester.name();
    Accepted accepted =
        api.post(
            "/rollouts/" + id + "/" + action, new JsonObject().put("requestedBy", by).encode());
    // The coordinator names the token's holder, whatever was asked as.
    String named = accepted.requestedBy() != null ? accepted.requestedBy() : by;
    output.print(accepted, asked(what, named, accepted), System.out);
    return FlotillaCommand.OK;
  }

  static String asked(String what, String by, Accepted accepted) {
    return "asked to "
        + what
        + " as "
        + by
        + " ("
        + accepted.type()
        + " "
        + accepted.messageId()
        + "); the coordinator decides: flotilla status "
        + accepted.rolloutId();
  }
}
