package dev.flotilla.ops.access;

import dev.flotilla.ops.ProblemAnswers;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The first handler of a service's router: finds the request's {@link RouteRule}, and unless the
 * route is open, lets it on only with a valid bearer token whose roles grant what the route needs.
 * A missing, forged or expired token is a 401 with {@code WWW-Authenticate}; a valid token without
 * the role is a 403 naming the roles that would do. Verifying a token is a signature check in
 * memory: nothing here blocks.
 */
public final class AccessGuard implements Handler<RoutingContext> {
  /** Where the verified caller waits for the handlers behind the guard. */
  private static final String CALLER = "flotilla.access.caller";

  static final String QUERY_TOKEN = "access_token";
  private static final String BEARER = "bearer ";
  private static final String CHALLENGE = "Bearer realm=\"flotilla\"";

  private final RouteRules rules;
  private final AccessTokens tokens;

  private AccessGuard(RouteRules rules, AccessTokens tokens) {
    this.rules = rules;
    this.tokens = tokens;
  }

  /** A guard checking tokens by {@code settings}; with access {@link AccessSettings#OFF}, none. */
  public static AccessGuard create(Vertx vertx, AccessSettings settings, RouteRules rules) {
    return new AccessGuard(
        rules, settings.checksTokens() ? AccessTokens.create(vertx, settings) : null);
  }

  /** Who sent the request, verified; empty when access control is off or the route is open. */
  public static Optional<Caller> caller(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CALLER));
  }

  @Override
  public void handle(RoutingContext ctx) {
    RouteRule rule = rules.ruleFor(ctx.request().method(), ctx.normalizedPath());
    if (rule.need().isEmpty() || tokens == null) {
      ctx.next();
      return;
    }
    Permission need = rule.need().get();
    Optional<String> token;
    try {
      token = tokenOf(ctx, rule);
    } catch (IllegalArgumentException e) {
      unauthorized(ctx, "invalid_request", e.getMessage());
      return;
    }
    if (token.isEmpty()) {
      unauthorized(
          ctx,
          null,
          "this request needs a bearer token (Authorization: Bearer <token>); "
              + "`flotilla tokens create` issues one");
      return;
    }
    tokens
        .verify(token.get())
        .onSuccess(
            caller -> {
              if (caller.may(need)) {
                ctx.put(CALLER, caller);
                ctx.next();
              } else {
                forbidden(ctx, caller, need);
              }
            })
        .onFailure(failure -> unauthorized(ctx, "invalid_token", failure.getMessage()));
  }

  private static Optional<String> tokenOf(RoutingContext ctx, RouteRule rule) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (header.length() <= BEARER.length()
          || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        throw new IllegalArgumentException("the Authorization header must be 'Bearer <token>'");
      }
      return Optional.of(header.substring(BEARER.length()).strip());
    }
    if (rule.tokenInQuery()) {
      return Optional.ofNullable(ctx.request().getParam(QUERY_TOKEN)).filter(t -> !t.isBlank());
    }
    return Optional.empty();
  }

  private static void unauthorized(RoutingContext ctx, String error, String detail) {
    ctx.response()
        .putHeader(
            "WWW-Authenticate",
            error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
    ProblemAnswers.send(ctx.response(), 401, "Unauthorized", detail, ctx.request().path());
  }

  private static void forbidden(RoutingContext ctx, Caller caller, Permission need) {
    ProblemAnswers.send(
        ctx.response(),
        403,
        "Forbidden",
        caller.name()
            + " (role "
            + Role.labels(caller.roles())
            + ") may not do this; it takes the role "
            + String.join(" or ", Role.granting(need).stream().map(Role::label).toList()),
        ctx.request().path());
  }
}
