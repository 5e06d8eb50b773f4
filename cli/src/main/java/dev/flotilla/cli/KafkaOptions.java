package dev.flotilla.cli;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers}, falling back to {@code FLOTILLA_BOOTSTRAP_SERVERS}; the clients'
 * SASL and TLS settings always come from the {@code FLOTILLA_KAFKA_*} variables.
 */
final class KafkaOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: $FLOTILLA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  KafkaSettings settings() {
    Env env = Env.system();
    if (bootstrapServers != null) {
      return KafkaSettings.of(bootstrapServers).withSecurity(env.kafkaSecurity());
    }
    return env.kafka();
  }
}
