package dev.flotilla.ops.access;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may send one kind of request: a method and a path pattern, and the permission it needs (none
 * for an open route). In a pattern, {@code *} stands for one path segment and a final {@code **}
 * for any rest, none included.
 *
 * @param need empty for a route anyone may ask (probes, metrics, the dashboard's static files)
 * @param tokenInQuery the token may come as {@code ?access_token=} too: browsers cannot set headers
 *     on an EventSource or a WebSocket
 */
public record RouteRule(
    HttpMethod method, String pattern, Optional<Permission> need, boolean tokenInQuery) {
  public RouteRule {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(need, "need");
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("a pattern starts with /, got " + pattern);
    }
  }

  public static RouteRule open(HttpMethod method, String pattern) {
    return new RouteRule(method, pattern, Optional.empty(), false);
  }

  public static RouteRule needs(Permission permission, HttpMethod method, String pattern) {
    return new RouteRule(method, pattern, Optional.of(permission), false);
  }

  /** The same rule, taking the token from the query as well. */
  public RouteRule orTokenInQuery() {
    return new RouteRule(method, pattern, need, true);
  }

  boolean matches(HttpMethod requested, String path) {
    return method.equals(requested) && matches(segments(pattern), segments(path));
  }

  private static boolean matches(List<String> pattern, List<String> path) {
    for (int i = 0; i < pattern.size(); i++) {
      String part = pattern.get(i);
      if (part.equals("**") && i == pattern.size() - 1) {
        return true;
      }
      if (i >= path.size() || !(part.equals("*") || part.equals(path.get(i)))) {
        return false;
      }
    }
    return pattern.size() == path.size();
  }

  private static List<String> segments(String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.equals("/") ? List.of() : List.of(trimmed.substring(1).split("/", -1));
  }
}
