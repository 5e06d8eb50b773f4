package dev.flotilla.notifier;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a notifier instance runs.
 *
 * @param kafka where {@code flotilla.events} is read from
 * @param httpPort the port of {@code /events} and {@code /health}; 0 takes any free port
 * @param historyCapacity how many recent events are held for clients that connect late or reconnect
 * @param heartbeat how often an idle SSE stream gets a comment, so proxies keep it open
 */
public record NotifierConfig(
    KafkaSettings kafka, int httpPort, int historyCapacity, Duration heartbeat) {
  public static final String HTTP_PORT = "FLOTILLA_HTTP_PORT";
  public static final String HISTORY = "FLOTILLA_NOTIFIER_HISTORY";
  public static final int DEFAULT_HTTP_PORT = 8082;
  public static final int DEFAULT_HISTORY = 10_000;
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  /**
   * How many live events a client may fall behind (beyond a full replay of the history) before it
   * is dropped.
   */
  static final int MAX_LIVE_LAG = 1_000;

  public NotifierConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0-65535, got " + httpPort);
    }
    if (historyCapacity < 1) {
      throw new IllegalArgumentException(
          "historyCapacity must be at least 1, got " + historyCapacity);
    }
    if (heartbeat.isNegative() || heartbeat.toMillis() < 1) {
      throw new IllegalArgumentException("heartbeat must be at least 1 ms, got " + heartbeat);
    }
  }

  /** The last {@value #DEFAULT_HISTORY} events held, a heartbeat every 15 s. */
  public NotifierConfig(KafkaSettings kafka, int httpPort) {
    this(kafka, httpPort, DEFAULT_HISTORY, DEFAULT_HEARTBEAT);
  }

  /**
   * {@code FLOTILLA_BOOTSTRAP_SERVERS} (required), {@value #HTTP_PORT} (default {@value
   * #DEFAULT_HTTP_PORT}; 0 = any free port), {@value #HISTORY} (default {@value #DEFAULT_HISTORY}).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is wrong
   */
  public static NotifierConfig fromEnv(Env env) {
    return new NotifierConfig(
        env.kafka(),
        env.port(HTTP_PORT, DEFAULT_HTTP_PORT),
        env.positiveInt(HISTORY, DEFAULT_HISTORY),
        DEFAULT_HEARTBEAT);
  }

  public NotifierConfig withHeartbeat(Duration every) {
    return new NotifierConfig(kafka, httpPort, historyCapacity, every);
  }

  /** The most events one client may have queued: a whole replay plus {@link #MAX_LIVE_LAG}. */
  int maxBacklog() {
    return historyCapacity + MAX_LIVE_LAG;
  }
}
