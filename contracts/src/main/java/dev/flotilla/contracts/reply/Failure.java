package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;

/** What went wrong, for people ({@code reason}) and for the coordinator ({@code kind}). */
public record Failure(FailureKind kind, String reason) {
  public Failure {
    Check.required(kind, "kind");
    Check.notBlank(reason, "reason");
  }

  public static Failure business(String reason) {
    return new Failure(FailureKind.BUSINESS, reason);
  }

  public static Failure infrastructure(String reason) {
    return new Failure(FailureKind.INFRASTRUCTURE, reason);
  }
}
