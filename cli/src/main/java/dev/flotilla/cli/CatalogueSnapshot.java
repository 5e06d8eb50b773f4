package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.time.Duration;

/**
 * The catalogue as the compacted {@code flotilla.migrations} topic holds it now, read once from the
 * beginning into the same {@link Catalogue} the migration worker keeps (the latest script per set,
 * version and kind wins).
 */
final class CatalogueSnapshot {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private CatalogueSnapshot() {}

  static Catalogue read(KafkaSettings kafka) {
    Catalogue catalogue = new Catalogue();
    try (TopicReader<MigrationScript> reader =
        TopicReader.fromBeginning(
            kafka, Topics.MIGRATIONS, incoming -> catalogue.add(incoming.value()))) {
      reader.start().awaitCaughtUp(CATCH_UP);
    }
    return catalogue;
  }
}
