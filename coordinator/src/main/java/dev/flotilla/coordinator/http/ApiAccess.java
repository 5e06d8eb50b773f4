package dev.flotilla.coordinator.http;

import static dev.flotilla.ops.access.Permission.ADMINISTER;
import static dev.flotilla.ops.access.Permission.APPROVE;
import static dev.flotilla.ops.access.Permission.OPERATE;
import static dev.flotilla.ops.access.Permission.READ;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.flotilla.ops.access.RouteRule;
import dev.flotilla.ops.access.RouteRules;

/** Who may ask the coordinator's API what; what is not named here only administrators reach. */
final class ApiAccess {
  static final RouteRules RULES =
      RouteRules.withOps(
          RouteRule.open(GET, "/health"),
          RouteRule.needs(READ, GET, "/rollouts"),
          RouteRule.needs(READ, GET, "/rollouts/*"),
          RouteRule.needs(READ, GET, "/rollouts/*/devices"),
          RouteRule.needs(READ, GET, "/devices"),
          RouteRule.needs(READ, GET, "/devices/*"),
          RouteRule.needs(READ, GET, "/audit"),
          RouteRule.needs(OPERATE, POST, "/rollouts"),
          RouteRule.needs(OPERATE, POST, "/rollouts/*/pause"),
          RouteRule.needs(OPERATE, POST, "/rollouts/*/resume"),
          RouteRule.needs(APPROVE, POST, "/rollouts/*/waves/*/approve"),
          RouteRule.needs(ADMINISTER, POST, "/rollouts/*/abort"),
          RouteRule.needs(ADMINISTER, POST, "/devices/*/restore"),
          RouteRule.needs(ADMINISTER, POST, "/tokens"));

  private ApiAccess() {}
}
