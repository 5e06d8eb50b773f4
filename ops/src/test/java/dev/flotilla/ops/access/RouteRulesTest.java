package dev.flotilla.ops.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteRulesTest {
  private final RouteRules rules =
      RouteRules.withOps(
          RouteRule.needs(Permission.READ, HttpMethod.GET, "/rollouts/*"),
          RouteRule.needs(Permission.APPROVE, HttpMethod.POST, "/rollouts/*/waves/*/approve"),
          RouteRule.open(HttpMethod.GET, "/dashboard/**"));

  @Test
  void aStarIsOneSegmentAndATrailingDoubleStarAnyRest() {
    assertThat(rules.ruleFor(HttpMethod.GET, "/rollouts/r-1").need()).contains(Permission.READ);
    assertThat(rules.ruleFor(HttpMethod.POST, "/rollouts/r-1/waves/2/approve").need())
        .contains(Permission.APPROVE);
    assertThat(rules.ruleFor(HttpMethod.GET, "/dashboard").need()).isEmpty();
    assertThat(rules.ruleFor(HttpMethod.GET, "/dashboard/app.js").need()).isEmpty();
    assertThat(rules.ruleFor(HttpMethod.GET, "/health/ready").need()).isEmpty();
  }

  @Test
  void whatNoRuleNamesIsForAdministratorsOnly() {
    assertThat(rules.ruleFor(HttpMethod.GET, "/rollouts/r-1/devices").need())
        .isEqualTo(Optional.of(Permission.ADMINISTER));
    assertThat(rules.ruleFor(HttpMethod.DELETE, "/rollouts/r-1").need())
        .isEqualTo(Optional.of(Permission.ADMINISTER));
    assertThat(rules.ruleFor(HttpMethod.GET, "/rollouts").need())
        .isEqualTo(Optional.of(Permission.ADMINISTER));
    assertThat(rules.ruleFor(HttpMethod.GET, "/dashboardx").need())
        .isEqualTo(Optional.of(Permission.ADMINISTER));
  }
}
