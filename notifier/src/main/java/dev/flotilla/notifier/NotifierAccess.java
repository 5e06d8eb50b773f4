package dev.flotilla.notifier;

import static dev.flotilla.ops.access.Permission.READ;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.flotilla.ops.access.RouteRule;
import dev.flotilla.ops.access.RouteRules;

/**
 * Who may ask the notifier what. The dashboard's files are open (they hold no data: the page asks
 * for a token before it reads anything); the event streams need a reader's token, which a browser
 * may put in the query ({@code ?access_token=}) since EventSource and WebSocket cannot send
 * headers; {@code /api/*} needs a valid token here and the role its route needs at the coordinator,
 * which the token is passed on to.
 */
final class NotifierAccess {
  static final RouteRules RULES =
      RouteRules.withOps(
          RouteRule.open(GET, "/"),
          RouteRule.open(GET, "/health"),
          RouteRule.open(GET, "/dashboard"),
          RouteRule.open(GET, "/dashboard/**"),
          RouteRule.needs(READ, GET, "/events").orTokenInQuery(),
          RouteRule.needs(READ, GET, "/events/ws").orTokenInQuery(),
          RouteRule.needs(READ, GET, CoordinatorProxy.PREFIX + "/**"),
          RouteRule.needs(READ, POST, CoordinatorProxy.PREFIX + "/**"));

  private NotifierAccess() {}
}
