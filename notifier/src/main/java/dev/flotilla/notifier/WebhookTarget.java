package dev.flotilla.notifier;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One receiver of webhooks: the http(s) URL events are POSTed to. Shown (logs, {@code /health})
 * without its user info, query or fragment, which may hold credentials. Its position in {@code
 * flotilla.events} is kept under the consumer group {@code flotilla-webhook-<hash of the URL>}.
 */
public final class WebhookTarget {
  static final String GROUP_PREFIX = "flotilla-webhook-";

  private final URI uri;

  private WebhookTarget(URI uri) {
    this.uri = uri;
  }

  /**
   * Reads an absolute http or https URL.
   *
   * @throws IllegalArgumentException saying what is wrong, without repeating credentials
   */
  public static WebhookTarget parse(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a webhook URL does not parse: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "a webhook URL must be http:// or https://, got '" + shown(uri) + "'");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("a webhook URL needs a host, got '" + shown(uri) + "'");
    }
    return new WebhookTarget(uri);
  }

  /** The URL to call, credentials and all. */
  public URI uri() {
    return uri;
  }

  public boolean https() {
    return uri.getScheme().equalsIgnoreCase("https");
  }

  public int port() {
    return uri.getPort() >= 0 ? uri.getPort() : https() ? 443 : 80;
  }

  /** The path and query to request: {@code /} when the URL has no path. */
  public String requestUri() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** {@code Basic …} from the URL's user info, if it has any. */
  public Optional<String> authorization() {
    String userInfo = uri.getUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  /** The consumer group that keeps this receiver's position. */
  public String groupId() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(uri.toString().getBytes(StandardCharsets.UTF_8));
      return GROUP_PREFIX + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The URL without user info, query or fragment: safe to log and show. */
  public String shown() {
    return shown(uri);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookTarget that && uri.equals(that.uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return shown();
  }

  private static String shown(URI uri) {
    StringBuilder text = new StringBuilder();
    if (uri.getScheme() != null) {
      text.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      text.append(uri.getHost());
      if (uri.getPort() >= 0) {
        text.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      text.append(uri.getRawPath());
    }
    return text.toString();
  }
}
