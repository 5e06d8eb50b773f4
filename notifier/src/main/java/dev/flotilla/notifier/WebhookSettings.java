package dev.flotilla.notifier;

import dev.flotilla.messaging.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how rollout-level events are POSTed.
 *
 * @param targets the receivers; none means no webhooks
 * @param secret signs every body ({@code X-Flotilla-Signature}) when present
 * @param firstRetry the pause after a failed call; it doubles with each failure in a row
 * @param longestRetry the longest pause between two calls to a failing receiver
 * @param timeout how long one call may take, connecting included
 */
public record WebhookSettings(
    List<WebhookTarget> targets,
    Optional<WebhookSecret> secret,
    Duration firstRetry,
    Duration longestRetry,
    Duration timeout) {
  public static final String URLS = "FLOTILLA_WEBHOOK_URLS";
  public static final String SECRET = "FLOTILLA_WEBHOOK_SECRET";
  public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  public static final Duration LONGEST_RETRY = Duration.ofSeconds(60);
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  public static final WebhookSettings NONE =
      new WebhookSettings(List.of(), Optional.empty(), FIRST_RETRY, LONGEST_RETRY, TIMEOUT);

  public WebhookSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(longestRetry, "longestRetry");
    Objects.requireNonNull(timeout, "timeout");
    if (firstRetry.toMillis() < 1 || longestRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException(
          "need 1 ms <= firstRetry <= longestRetry, got " + firstRetry + ", " + longestRetry);
    }
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
    }
    if (new LinkedHashSet<>(targets).size() != targets.size()) {
      throw new IllegalArgumentException("a webhook URL is given twice");
    }
  }

  /**
   * {@value #URLS} (comma-separated http(s) URLs; unset or empty: no webhooks) and {@value #SECRET}
   * (optional).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable that is wrong
   */
  public static WebhookSettings fromEnv(Env env) {
    List<WebhookTarget> targets = env.parsed(URLS, WebhookSettings::targets, List.of());
    Optional<WebhookSecret> secret = env.optional(SECRET).map(WebhookSecret::of);
    return new WebhookSettings(targets, secret, FIRST_RETRY, LONGEST_RETRY, TIMEOUT);
  }

  /** Comma-separated URLs; blanks between commas are ignored. */
  static List<WebhookTarget> targets(String urls) {
    List<WebhookTarget> targets = new ArrayList<>();
    Set<WebhookTarget> seen = new LinkedHashSet<>();
    for (String url : urls.split(",")) {
      if (url.isBlank()) {
        continue;
      }
      WebhookTarget target = WebhookTarget.parse(url);
      if (!seen.add(target)) {
        throw new IllegalArgumentException("'" + target + "' is given twice");
      }
      targets.add(target);
    }
    return targets;
  }

  public WebhookSettings withTargets(List<WebhookTarget> receivers) {
    return new WebhookSettings(receivers, secret, firstRetry, longestRetry, timeout);
  }

  public WebhookSettings withSecret(WebhookSecret key) {
    return new WebhookSettings(targets, Optional.of(key), firstRetry, longestRetry, timeout);
  }

  public WebhookSettings withRetry(Duration first, Duration longest) {
    return new WebhookSettings(targets, secret, first, longest, timeout);
  }

  public WebhookSettings withTimeout(Duration callTimeout) {
    return new WebhookSettings(targets, secret, firstRetry, longestRetry, callTimeout);
  }
}
