package dev.flotilla.ops.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token holder may do. Every role reads; approving is a role of its own so the people who
 * start rollouts need not be those who let them go on.
 */
public enum Role {
  VIEWER(EnumSet.of(Permission.READ)),
  OPERATOR(EnumSet.of(Permission.READ, Permission.OPERATE)),
  APPROVER(EnumSet.of(Permission.READ, Permission.APPROVE)),
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public boolean grants(Permission permission) {
    return permissions.contains(permission);
  }

  /** The name tokens and the command line use: {@code viewer}, {@code operator}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String label) {
    for (Role role : values()) {
      if (role.label().equals(label)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "no role '" + label + "'; the roles are " + labels(EnumSet.allOf(Role.class)));
  }

  /**
   * The roles that grant {@code permission}, for an answer that says what would have been enough.
   */
  public static Set<Role> granting(Permission permission) {
    return Arrays.stream(values())
        .filter(role -> role.grants(permission))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
  }

  public static String labels(Set<Role> roles) {
    return roles.stream().map(Role::label).collect(Collectors.joining(", "));
  }
}
