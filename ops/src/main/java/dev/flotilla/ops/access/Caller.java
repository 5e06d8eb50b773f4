package dev.flotilla.ops.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who sent a request, as its verified token says: the name the audit records as the requester, and
 * the roles that decide what the request may do.
 *
 * @param name the token's subject: a person or a system, e.g. {@code alice} or {@code ci-deploy}
 * @param expiresAt when the token stops being accepted
 */
public record Caller(String name, Set<Role> roles, Instant expiresAt) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");

  public Caller {
    name = checkedName(name);
    Objects.requireNonNull(roles, "roles");
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one role");
    }
    roles = Set.copyOf(EnumSet.copyOf(roles));
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean may(Permission permission) {
    return roles.stream().anyMatch(role -> role.grants(permission));
  }

  /**
   * A name the audit can show as it is: a letter or digit, then up to 63 of letters, digits and
   * {@code . _ @ + -}.
   *
   * @throws IllegalArgumentException saying what a name may be
   */
  public static String checkedName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a token's name is 1 to 64 letters, digits or . _ @ + - (starting with a letter or"
              + " digit), got '"
              + name
              + "'");
    }
    return name;
  }
}
