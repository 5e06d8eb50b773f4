package dev.flotilla.devicedb;

/** A fleet layout pattern that could put a database anywhere but one place inside the folder. */
public final class InvalidLayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidLayoutException(String message) {
    super(message);
  }
}
