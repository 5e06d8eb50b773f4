package dev.flotilla.cli;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Validates an update request and publishes it. Anything wrong — bad JSON, a missing or bad field,
 * a set or version the catalogue lacks — is one line on stderr, exit code 2, and nothing is
 * published.
 */
@Command(name = "publish", description = "Validate an UpdateRequest JSON file and publish it.")
final class PublishCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The UpdateRequest JSON file.")
  Path file;

  @Mixin KafkaOptions kafkaOptions;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserError("no such file: " + file);
    }
    UpdateRequest request =
        new MessageCodec().decode(Files.readAllBytes(file), UpdateRequest.class);
    KafkaSettings kafka = kafkaOptions.settings();
    SortedSet<Integer> versions = CatalogueCheck.versionsOf(kafka, request.migrationSet());
    if (versions.isEmpty()) {
      throw new UserError(
          "migrationSet: '"
              + request.migrationSet()
              + "' is not in the catalogue; push it first with `flotilla migrations push`");
    }
    if (!versions.contains(request.targetVersion())) {
      throw new UserError(
          "targetVersion: '"
              + request.migrationSet()
              + "' has no version "
              + request.targetVersion()
              + " (it has "
              + versions
              + ")");
    }
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
    }
    System.out.println(
        "published rollout "
            + request.rolloutId()
            + ": "
            + request.migrationSet()
            + " to version "
            + request.targetVersion());
    return 0;
  }
}
