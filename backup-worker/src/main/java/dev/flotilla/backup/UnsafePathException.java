package dev.flotilla.backup;

/** A name that would put a file outside the directory it belongs to, or through a symbolic link. */
public final class UnsafePathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsafePathException(String message) {
    super(message);
  }
}
