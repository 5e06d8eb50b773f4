package dev.flotilla.cli;

/** A problem with what the user asked for, told in one line. */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
