package dev.flotilla.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code FLOTILLA_*} environment variables. Every failure is a {@link ConfigException} whose
 * message is one line naming the variable, so a service can print it and exit.
 */
public final class Env {
  public static final String BOOTSTRAP_SERVERS = "FLOTILLA_BOOTSTRAP_SERVERS";
  public static final String PARTITIONS = "FLOTILLA_PARTITIONS";
  public static final String INSTANCE_ID = "FLOTILLA_INSTANCE_ID";

  private final Map<String, String> values;

  private Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public static Env of(Map<String, String> values) {
    return new Env(values);
  }

  /** The trimmed value; a blank value counts as absent. */
  public Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigException(name + " is not set"));
  }

  /** A directory that exists (created if missing) and is writable, as an absolute path. */
  public Path directory(String name) {
    String value = required(name);
    Path dir;
    try {
      dir = Paths.get(value).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      throw new ConfigException(name + " must be a directory path, got '" + value + "'");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException(name + " must be a directory, but '" + dir + "' is a file");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigException(
          name + " names '" + dir + "', which cannot be created: " + e.getMessage(), e);
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigException(name + " must be a writable directory, but '" + dir + "' is not");
    }
    return dir;
  }

  /**
   * The value read by {@code parse}, {@code whenUnset} when absent; the message of what {@code
   * parse} throws for a value it refuses becomes the {@link ConfigException}'s.
   */
  public <T> T parsed(String name, Function<String, T> parse, T whenUnset) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return whenUnset;
    }
    try {
      return parse.apply(value.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    }
  }

  public int port(String name, int defaultPort) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultPort;
    }
    Integer port = parseInt(value.get());
    if (port == null || port < 0 || port > 65535) {
      throw new ConfigException(
          name + " must be a port number (0-65535), got '" + value.get() + "'");
    }
    return port;
  }

  public int positiveInt(String name, int defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Integer number = parseInt(value.get());
    if (number == null || number < 1) {
      throw new ConfigException(
          name + " must be a whole number of at least 1, got '" + value.get() + "'");
    }
    return number;
  }

  /**
   * {@value #BOOTSTRAP_SERVERS} (required), {@value #PARTITIONS} (default {@value
   * KafkaSettings#DEFAULT_PARTITIONS}), {@value #INSTANCE_ID} (default random), and the clients'
   * SASL and TLS settings ({@link KafkaSecurity}).
   */
  /** The clients' SASL and TLS settings from {@code FLOTILLA_KAFKA_*} ({@link KafkaSecurity}). */
  public java.util.Map<String, String> kafkaSecurity() {
    return KafkaSecurity.fromEnv(values);
  }

  public KafkaSettings kafka() {
    Optional<String> named = optional(INSTANCE_ID);
    return new KafkaSettings(
        required(BOOTSTRAP_SERVERS),
        positiveInt(PARTITIONS, KafkaSettings.DEFAULT_PARTITIONS),
        named.orElseGet(KafkaSettings::randomInstanceId),
        named.isPresent(),
        kafkaSecurity());
  }

  private static Integer parseInt(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
