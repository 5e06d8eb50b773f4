package dev.flotilla.ops.access;

import dev.flotilla.ops.OpsRoutes;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One service's table of who may ask what. A request no rule names needs {@link
 * Permission#ADMINISTER}: what nobody declared is closed by default, to all but administrators (who
 * then see the 404 or 405 it is).
 */
public final class RouteRules {
  private final List<RouteRule> rules;

  private RouteRules(List<RouteRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The probes and metrics every service serves, open so orchestrators and scrapers reach them. */
  public static RouteRules withOps(RouteRule... more) {
    List<RouteRule> all = new ArrayList<>();
    all.add(RouteRule.open(HttpMethod.GET, OpsRoutes.LIVE));
    all.add(RouteRule.open(HttpMethod.GET, OpsRoutes.READY));
    all.add(RouteRule.open(HttpMethod.GET, OpsRoutes.METRICS));
    all.addAll(List.of(more));
    return new RouteRules(all);
  }

  /** The first rule naming the request, or the closed default. */
  public RouteRule ruleFor(HttpMethod method, String path) {
    return find(method, path)
        .orElseGet(() -> RouteRule.needs(Permission.ADMINISTER, method, "/**"));
  }

  Optional<RouteRule> find(HttpMethod method, String path) {
    return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
  }

  public List<RouteRule> rules() {
    return rules;
  }
}
