package dev.flotilla.cli;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.engine.FleetView;
import dev.flotilla.coordinator.saga.RequestChecks;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Validates an update request (or an operator's restore request) and publishes it. Anything wrong —
 * bad JSON, a missing or bad field, or anything the coordinator would reject it for (a set or
 * version the catalogue lacks, a device the inventory lacks, a device in another active rollout:
 * {@link RequestChecks}, judged against the same {@link FleetView}) — is one line on stderr, exit
 * code 2, and nothing is published.
 */
@Command(
    name = "publish",
    description = "Validate an UpdateRequest (or RestoreRequest) JSON file and publish it.")
final class PublishCommand implements Callable<Integer> {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  @Parameters(paramLabel = "FILE", description = "The UpdateRequest or RestoreRequest JSON file.")
  Path file;

  @Mixin KafkaOptions kafkaOptions;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such file: " + file);
    }
    RolloutRequest request =
        new MessageCodec().decode(Files.readAllBytes(file), RolloutRequest.class);
    KafkaSettings kafka = kafkaOptions.settings();
    RequestChecks.Verdict verdict;
    try (FleetView fleet = FleetView.follow(kafka).awaitCaughtUp(CATCH_UP)) {
      verdict = RequestChecks.check(request, fleet.snapshot());
    }
    if (!verdict.problems().isEmpty()) {
      // The coordinator would reject it for exactly these reasons: publish nothing.
      throw new UserError(
          "the coordinator would reject rollout "
              + request.rolloutId()
              + ": "
              + String.join("; ", verdict.problems()));
    }
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
    }
    System.out.println("published rollout " + request.rolloutId() + ": " + whatItDoes(request));
    return 0;
  }

  private static String whatItDoes(RolloutRequest request) {
    if (request instanceof RestoreRequest restore) {
      return "restore of "
          + restore.deviceId()
          + " from "
          + (restore.backupId() == null
              ? "its newest intact backup"
              : "backup " + restore.backupId());
    }
    UpdateRequest update = (UpdateRequest) request;
    return update.migrationSet() + " to version " + update.targetVersion();
  }
}
