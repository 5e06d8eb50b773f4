package dev.flotilla.ops.access;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Tokens of every kind for tests: each role's, an expired one, a forged one (signed with another
 * secret), all for services started with {@link #SETTINGS} or {@link #ENV}.
 */
public final class TestAccess {
  public static final String SECRET = "flotilla-tests-secret-0123456789abcdef";
  public static final AccessSettings SETTINGS = AccessSettings.signedWith(SECRET);

  /** What a service process needs in its environment to check these tokens. */
  public static final Map<String, String> ENV = Map.of(AccessSettings.SECRET, SECRET);

  private static final Vertx VERTX = Vertx.vertx();
  private static final AccessTokens TOKENS = AccessTokens.create(VERTX, SETTINGS);
  private static final AccessTokens FORGER =
      AccessTokens.create(
          VERTX, AccessSettings.signedWith("not-the-fleets-secret-0123456789abcdef"));

  private TestAccess() {}

  /** A token for {@code name} with {@code first} (and {@code more}), good for an hour. */
  public static String token(String name, Role first, Role... more) {
    return TOKENS.issue(name, EnumSet.of(first, more), Duration.ofHours(1), Instant.now()).token();
  }

  /** An administrator's token named {@code name}. */
  public static String admin(String name) {
    return token(name, Role.ADMIN);
  }

  /** An administrator's token that expired a minute ago. */
  public static String expired(String name) {
    return TOKENS
        .issue(name, EnumSet.of(Role.ADMIN), Duration.ofMinutes(1), Instant.now().minusSeconds(120))
        .token();
  }

  /** An administrator's token signed with a secret that is not the fleet's. */
  public static String forged(String name) {
    return FORGER.issue(name, EnumSet.of(Role.ADMIN), Duration.ofHours(1), Instant.now()).token();
  }

  /** {@code "Bearer <token>"}. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /** The kinds of caller an authorization table walks, in its columns' order. */
  public static List<String> callers() {
    return List.of("anonymous", "viewer", "operator", "approver", "admin", "expired", "forged");
  }

  /** The Authorization header of {@code caller} (one of {@link #callers()}); null for anonymous. */
  public static String authorizationOf(String caller) {
    return switch (caller) {
      case "anonymous" -> null;
      case "viewer" -> bearer(token("table-viewer", Role.VIEWER));
      case "operator" -> bearer(token("table-operator", Role.OPERATOR));
      case "approver" -> bearer(token("table-approver", Role.APPROVER));
      case "admin" -> bearer(admin("table-admin"));
      case "expired" -> bearer(expired("table-expired"));
      case "forged" -> bearer(forged("table-forged"));
      default -> throw new IllegalArgumentException("no caller " + caller);
    };
  }
}
