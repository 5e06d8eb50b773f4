package dev.flotilla.notifier;

import dev.flotilla.messaging.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where the dashboard's {@code /api/*} calls go: the coordinator's HTTP API.
 *
 * @param coordinator the API's base, {@code http(s)://host[:port][/path]}; {@code /api/rollouts} is
 *     forwarded to {@code <coordinator>/rollouts}
 */
public record DashboardConfig(URI coordinator) {
  public static final String COORDINATOR_URL = "FLOTILLA_COORDINATOR_URL";
  public static final String DEFAULT_COORDINATOR_URL = "http://127.0.0.1:8081";
  public static final DashboardConfig DEFAULT = of(DEFAULT_COORDINATOR_URL);

  public DashboardConfig {
    Objects.requireNonNull(coordinator, "coordinator");
    String scheme = coordinator.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "the coordinator's URL must start with http:// or https://, got '" + coordinator + "'");
    }
    if (coordinator.getHost() == null) {
      throw new IllegalArgumentException(
          "the coordinator's URL has no host: '" + coordinator + "'");
    }
    if (coordinator.getRawQuery() != null || coordinator.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the coordinator's URL must be a base, without ?query or #fragment: '"
              + coordinator
              + "'");
    }
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with {@code url}
   */
  public static DashboardConfig of(String url) {
    try {
      return new DashboardConfig(new URI(url.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason(), e);
    }
  }

  /** The coordinator's API on this machine at {@code port}, as the demo runs it. */
  public static DashboardConfig localCoordinator(int port) {
    return of("http://127.0.0.1:" + port);
  }

  /**
   * {@value #COORDINATOR_URL} (default {@value #DEFAULT_COORDINATOR_URL}).
   *
   * @throws dev.flotilla.messaging.ConfigException naming the variable, for a value that is no URL
   */
  public static DashboardConfig fromEnv(Env env) {
    return env.parsed(COORDINATOR_URL, DashboardConfig::of, DEFAULT);
  }

  public boolean ssl() {
    return "https".equalsIgnoreCase(coordinator.getScheme());
  }

  public String host() {
    return coordinator.getHost();
  }

  public int port() {
    int port = coordinator.getPort();
    return port != -1 ? port : ssl() ? 443 : 80;
  }

  /**
   * The request URI at the coordinator for {@code path} (starting with {@code /}) and the raw query
   * (null for none).
   */
  public String uriOf(String path, String rawQuery) {
    String base = coordinator.getRawPath() == null ? "" : coordinator.getRawPath();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
  }
}
