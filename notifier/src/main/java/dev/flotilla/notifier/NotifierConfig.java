package dev.flotilla.notifier;

import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.ops.access.AccessSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a notifier instance runs.
 *
 * @param kafka where {@code flotilla.events} is read from
 * @param httpPort the port of {@code /events}, {@code /events/ws} and {@code /health}; 0 takes any
 *     free port
 * @param historyCapacity how many recent events are held for clients that connect late or reconnect
 * @param heartbeat how often an idle stream gets a comment (SSE) or a ping (WebSocket), so proxies
 *     keep it open
 * @param maxLiveLag how many live events a client may fall behind (beyond a full replay of the
 *     history) before it is dropped
 * @param webhooks where rollout-level events are POSTed
 * @param access whether the event streams and the dashboard's API check bearer tokens
 */
public record NotifierConfig(
    KafkaSettings kafka,
    int httpPort,
    int historyCapacity,
    Duration heartbeat,
    int maxLiveLag,
    WebhookSettings webhooks,
    AccessSettings access) {
  public static final String HTTP_PORT = "FLOTILLA_HTTP_PORT";
  public static final String HISTORY = "FLOTILLA_NOTIFIER_HISTORY";
  public static final int DEFAULT_HTTP_PORT = 8082;
  public static final int DEFAULT_HISTORY = 10_000;
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
  public static final int DEFAULT_MAX_LIVE_LAG = 1_000;

  /** How long a client being caught up from Kafka may take nothing before it is dropped. */
  static final Duration CATCH_UP_PATIENCE = Duration.ofSeconds(60);

  /** How many clients are caught up from Kafka at once; the others wait their turn. */
  static final int PARALLEL_CATCH_UPS = 4;

  public NotifierConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(access, "access");
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
    if (maxLiveLag < 1) {
      throw new IllegalArgumentException("maxLiveLag must be at least 1, got " + maxLiveLag);
    }
  }

  /**
   * No webhooks, clients dropped {@value #DEFAULT_MAX_LIVE_LAG} live events behind, no tokens
   * checked: for tests and embedding, never for a fleet.
   */
  public NotifierConfig(
      KafkaSettings kafka, int httpPort, int historyCapacity, Duration heartbeat) {
    this(
        kafka,
        httpPort,
        historyCapacity,
        heartbeat,
        DEFAULT_MAX_LIVE_LAG,
        WebhookSettings.NONE,
        AccessSettings.OFF);
  }

  /** The last {@value #DEFAULT_HISTORY} events held, a heartbeat every 15 s, no webhooks. */
  public NotifierConfig(KafkaSettings kafka, int httpPort) {
    this(kafka, httpPort, DEFAULT_HISTORY, DEFAULT_HEARTBEAT);
  }

  /**
   * {@code FLOTILLA_BOOTSTRAP_SERVERS} (required), {@value #HTTP_PORT} (default {@value
   * #DEFAULT_HTTP_PORT}; 0 = any free port), {@value #HISTORY} (default {@value #DEFAULT_HISTORY}),
   * the webhook variables of {@link WebhookSettings#fromEnv} and the token secret of {@link
   * AccessSettings#fromEnv} (required unless access control is turned off).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is wrong
   */
  public static NotifierConfig fromEnv(Env env) {
    return new NotifierConfig(
        env.kafka(),
        env.port(HTTP_PORT, DEFAULT_HTTP_PORT),
        env.positiveInt(HISTORY, DEFAULT_HISTORY),
        DEFAULT_HEARTBEAT,
        DEFAULT_MAX_LIVE_LAG,
        WebhookSettings.fromEnv(env),
        AccessSettings.fromEnv(env));
  }

  public NotifierConfig withHeartbeat(Duration every) {
    return new NotifierConfig(
        kafka, httpPort, historyCapacity, every, maxLiveLag, webhooks, access);
  }

  public NotifierConfig withMaxLiveLag(int events) {
    return new NotifierConfig(
        kafka, httpPort, historyCapacity, heartbeat, events, webhooks, access);
  }

  public NotifierConfig withWebhooks(WebhookSettings settings) {
    return new NotifierConfig(
        kafka, httpPort, historyCapacity, heartbeat, maxLiveLag, settings, access);
  }

  public NotifierConfig withAccess(AccessSettings settings) {
    return new NotifierConfig(
        kafka, httpPort, historyCapacity, heartbeat, maxLiveLag, webhooks, settings);
  }

  /** The most events one client may have queued: a whole replay plus {@link #maxLiveLag}. */
  int maxBacklog() {
    return historyCapacity + maxLiveLag;
  }
}
