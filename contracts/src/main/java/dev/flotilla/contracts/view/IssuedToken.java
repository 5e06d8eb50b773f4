package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.time.Instant;
import java.util.List;

/**
 * The 201 answer of {@code POST /tokens}: a bearer token, shown this once, and what it grants.
 *
 * @param token the token itself; whoever holds it may do what {@code roles} allow until {@code
 *     expiresAt}
 * @param id the token's id ({@code jti}), safe to log and to quote
 * @param name who holds it, as the audit will name them
 * @param roles {@code viewer}, {@code operator}, {@code approver}, {@code admin}
 */
public record IssuedToken(
    String token, String id, String name, List<String> roles, Instant expiresAt) implements View {
  public IssuedToken {
    Check.required(token, "token");
    Check.required(id, "id");
    Check.required(name, "name");
    roles = List.copyOf(Check.nonEmptyList(roles, "roles"));
    Check.required(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "IssuedToken[id=" + id + ", name=" + name + ", roles=" + roles + "]";
  }
}
