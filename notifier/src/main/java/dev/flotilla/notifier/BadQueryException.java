package dev.flotilla.notifier;

/** A request to the notifier that cannot be served as asked; its message is the 400's detail. */
public final class BadQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadQueryException(String detail) {
    super(detail);
  }
}
