package dev.flotilla.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How every Kafka client of a process authenticates and encrypts: the client settings {@code
 * security.protocol}, {@code sasl.*} and {@code ssl.*}, read from {@code FLOTILLA_KAFKA_*}
 * variables ({@code FLOTILLA_KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}) and given as they
 * are to every producer, consumer and admin client. Other client settings are Flotilla's own and
 * cannot be changed this way.
 */
public final class KafkaSecurity {
  public static final String PREFIX = "FLOTILLA_KAFKA_";

  /** The settings of the families a deployment must be able to set; every client knows them. */
  private static final Set<String> KNOWN =
      Stream.of(
              ProducerConfig.configNames(),
              ConsumerConfig.configNames(),
              AdminClientConfig.configNames())
          .flatMap(Set::stream)
          .filter(KafkaSecurity::isSecurity)
          .collect(Collectors.toUnmodifiableSet());

  private KafkaSecurity() {}

  /**
   * The security settings the variables name; a variable of one of these families that names no
   * setting Kafka knows is refused, naming it. Other {@code FLOTILLA_KAFKA_*} variables are not
   * client settings (e.g. {@code FLOTILLA_KAFKA_IMAGE}) and are left alone.
   *
   * @throws ConfigException naming the variable
   */
  static Map<String, String> fromEnv(Map<String, String> variables) {
    Map<String, String> settings = new TreeMap<>();
    variables.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || value == null || value.isBlank()) {
            return;
          }
          String setting =
              name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
          if (!isSecurity(setting)) {
            return;
          }
          if (!KNOWN.contains(setting)) {
            throw new ConfigException(
                name
                    + " would set the Kafka client setting '"
                    + setting
                    + "', which Kafka does not know");
          }
          settings.put(setting, value.strip());
        });
    return Map.copyOf(settings);
  }

  private static boolean isSecurity(String setting) {
    return setting.equals("security.protocol")
        || setting.startsWith("sasl.")
        || setting.startsWith("ssl.");
  }
}
