package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the catalogue on {@code flotilla.migrations} to tell which versions a set has. */
final class CatalogueCheck {
  private CatalogueCheck() {}

  static SortedSet<Integer> versionsOf(KafkaSettings kafka, MigrationSetId set) {
    Set<Integer> versions = ConcurrentHashMap.newKeySet();
    try (TopicReader<MigrationScript> reader =
        TopicReader.fromBeginning(
            kafka,
            Topics.MIGRATIONS,
            r -> {
              MigrationScript script = r.value();
              if (script.migrationSet().equals(set) && script.kind() == ScriptKind.MIGRATE) {
                versions.add(script.version());
              }
            })) {
      reader.start().awaitCaughtUp(Duration.ofSeconds(30));
    }
    return new TreeSet<>(versions);
  }
}
