package dev.flotilla.cli;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, falling back to {@code FLOTILLA_BOOTSTRAP_SERVERS}. */
final class KafkaOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: $FLOTILLA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  KafkaSettings settings() {
    Env env = Env.system();
    if (bootstrapServers != null) {
      return KafkaSettings.of(bootstrapServers);
    }
    return env.kafka();
  }
}
