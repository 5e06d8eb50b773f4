package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.view.IssuedToken;
import dev.flotilla.ops.access.AccessGuard;
import dev.flotilla.ops.access.AccessTokens;
import dev.flotilla.ops.access.Caller;
import dev.flotilla.ops.access.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /tokens} (administrators): issues a bearer token, {@code {"name": "alice", "roles":
 * ["operator"], "ttlSeconds": 86400}}, answered 201 with the token shown this once. Its id, holder
 * and roles are logged with who issued it; the token itself never is.
 */
final class TokenRoutes {
  private static final Logger log = LoggerFactory.getLogger(TokenRoutes.class);
  private static final Set<String> FIELDS = Set.of("name", "roles", "ttlSeconds");
  static final Duration DEFAULT_TTL = Duration.ofDays(30);

  /** Empty when access control is off: then there is nothing to issue. */
  private final Optional<AccessTokens> tokens;

  TokenRoutes(Optional<AccessTokens> tokens) {
    this.tokens = tokens;
  }

  void mount(Router router) {
    router
        .post("/tokens")
        .handler(BodyHandler.create(false).setBodyLimit(4096))
        .handler(this::issue);
  }

  private void issue(RoutingContext ctx) {
    if (tokens.isEmpty()) {
      throw new Problem(
              409,
              "Conflict",
              "access control is off (FLOTILLA_AUTH=off): the coordinator checks no tokens",
              null)
          .reject();
    }
    JsonObject body = body(ctx.body().buffer());
    String name = string(body, "name");
    Set<Role> roles = roles(body);
    Duration ttl = ttl(body);
    AccessTokens.IssuedToken issued;
    try {
      issued = tokens.get().issue(name, roles, ttl, Instant.now());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage()).reject();
    }
    Caller holder = issued.holder();
    log.info(
        "issued token {} to {} ({}), good until {}, at the request of {}",
        issued.id(),
        holder.name(),
        Role.labels(holder.roles()),
        holder.expiresAt(),
        AccessGuard.caller(ctx).map(Caller::name).orElse("anyone (access control is off)"));
    ctx.response().putHeader("Cache-Control", "no-store");
    Answers.send(
        ctx,
        201,
        new IssuedToken(
            issued.token(),
            issued.id(),
            holder.name(),
            EnumSet.copyOf(holder.roles()).stream().map(Role::label).toList(),
            holder.expiresAt()));
  }

  private static JsonObject body(Buffer raw) {
    String expected = "a JSON object such as {\"name\": \"alice\", \"roles\": [\"operator\"]}";
    if (raw == null || raw.length() == 0) {
      throw Problem.badRequest("the body is empty; it must be " + expected).reject();
    }
    JsonObject json;
    try {
      json = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw Problem.badRequest("the body is not " + expected).reject();
    }
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw Problem.badField(
                field, field + ": is not a field of this request; known fields: " + FIELDS)
            .reject();
      }
    }
    return json;
  }

  private static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw Problem.badField(field, field + ": required, a string").reject();
    }
    return text;
  }

  private static Set<Role> roles(JsonObject body) {
    Object value = body.getValue("roles");
    if (!(value instanceof JsonArray labels) || labels.isEmpty()) {
      throw Problem.badField("roles", "roles: required, a list such as [\"viewer\"]").reject();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object label : labels) {
      try {
        roles.add(Role.parse(String.valueOf(label)));
      } catch (IllegalArgumentException e) {
        throw Problem.badField("roles", "roles: " + e.getMessage()).reject();
      }
    }
    return roles;
  }

  private static Duration ttl(JsonObject body) {
    Object value = body.getValue("ttlSeconds");
    if (value == null) {
      return DEFAULT_TTL;
    }
    if (!(value instanceof Number seconds) || seconds.longValue() < 1) {
      throw Problem.badField("ttlSeconds", "ttlSeconds: a whole number of seconds, at least 1")
          .reject();
    }
    return Duration.ofSeconds(seconds.longValue());
  }
}
