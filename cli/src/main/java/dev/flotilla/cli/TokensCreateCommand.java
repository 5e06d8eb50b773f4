package dev.flotilla.cli;

import dev.flotilla.contracts.view.IssuedToken;
import dev.flotilla.messaging.ConfigException;
import dev.flotilla.messaging.Env;
import dev.flotilla.ops.access.AccessSettings;
import dev.flotilla.ops.access.AccessTokens;
import dev.flotilla.ops.access.Caller;
import dev.flotilla.ops.access.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla tokens create --role R --name WHO}: signs a token with the fleet's secret ({@code
 * FLOTILLA_AUTH_SECRET} or {@code FLOTILLA_AUTH_SECRET_FILE}, as the services have it), or where
 * the secret is not, asks the coordinator's {@code POST /tokens} with an administrator's {@code
 * FLOTILLA_TOKEN}. The token alone goes to standard output, so {@code export
 * FLOTILLA_TOKEN=$(flotilla tokens create ...)} works; what it grants goes to standard error.
 * Nothing is stored: a token is good until it expires, or until the secret is changed.
 */
@Command(
    name = "create",
    description = {
      "Sign a bearer token with the fleet's secret (FLOTILLA_AUTH_SECRET or"
          + " FLOTILLA_AUTH_SECRET_FILE, as the services have it); without it, ask the"
          + " coordinator's API (--api) with an administrator's FLOTILLA_TOKEN.",
      "The token goes to standard output, what it grants to standard error.",
      "Roles: viewer (reads), operator (create, pause, resume), approver (approve waves),"
          + " admin (everything, abort and restore included)."
    })
final class TokensCreateCommand implements Callable<Integer> {
  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "viewer, operator, approver or admin; repeat for more than one.")
  List<String> roles;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "WHO",
      description = "Who holds it, as the audit trail will name them (e.g. alice, ci-deploy).")
  String name;

  @Option(
      names = "--ttl",
      defaultValue = "30d",
      paramLabel = "DURATION",
      description =
          "How long it is good for, e.g. 12h, 90d (default ${DEFAULT-VALUE}; at most 366d).")
  String ttl;

  @Mixin ApiClient api;

  @Override
  public Integer call() throws Exception {
    Set<Role> granted = EnumSet.noneOf(Role.class);
    for (String role : roles) {
      try {
        granted.add(Role.parse(role.strip()));
      } catch (IllegalArgumentException e) {
        throw new UserError("--role: " + e.getMessage());
      }
    }
    Duration lifetime = Durations.parse(ttl, "--ttl");
    Env env = Env.system();
    boolean secretHere =
        env.optional(AccessSettings.SECRET).isPresent()
            || env.optional(AccessSettings.SECRET_FILE).isPresent()
            || env.optional(AccessSettings.MODE).isPresent();
    if (!secretHere && ApiClient.hasToken()) {
      return issuedBy(api, granted, lifetime);
    }
    AccessSettings settings;
    try {
      settings = AccessSettings.fromEnv(env);
    } catch (ConfigException e) {
      throw new UserError(
          e.getMessage() + "; or set FLOTILLA_TOKEN to an administrator's token to ask the API");
    }
    if (!settings.checksTokens()) {
      throw new UserError(
          AccessSettings.MODE + "=off: the services check no tokens, so there is none to issue");
    }
    Vertx vertx = Vertx.vertx();
    try {
      AccessTokens.IssuedToken issued;
      try {
        issued = AccessTokens.create(vertx, settings).issue(name, granted, lifetime, Instant.now());
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      Caller holder = issued.holder();
      return print(
          issued.token(),
          holder.name(),
          Role.labels(holder.roles()),
          holder.expiresAt(),
          issued.id());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private int issuedBy(ApiClient api, Set<Role> granted, Duration lifetime)
      throws InterruptedException {
    JsonObject body =
        new JsonObject()
            .put("name", name)
            .put("roles", new JsonArray(granted.stream().map(Role::label).toList()))
            .put("ttlSeconds", lifetime.toSeconds());
    IssuedToken issued = api.post("/tokens", body.encode(), 201, IssuedToken.class);
    return print(
        issued.token(),
        issued.name(),
        String.join(", ", issued.roles()),
        issued.expiresAt(),
        issued.id());
  }

  private static int print(String token, String holder, String roles, Instant expires, String id) {
    System.out.println(token);
    System.err.println(
        "a token for " + holder + " (" + roles + "), good until " + expires + "; its id is " + id);
    return 0;
  }
}
