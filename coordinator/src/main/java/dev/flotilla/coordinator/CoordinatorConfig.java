package dev.flotilla.coordinator;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.file.Path;

/**
 * How one coordinator instance is set up.
 *
 * @param dataDir where the coordinator keeps its local files
 */
public record CoordinatorConfig(KafkaSettings kafka, Path dataDir) {
  public static CoordinatorConfig fromEnv(Env env) {
    return new CoordinatorConfig(env.kafka(), env.directory("FLOTILLA_DATA_DIR"));
  }
}
