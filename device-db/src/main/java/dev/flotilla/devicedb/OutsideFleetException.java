package dev.flotilla.devicedb;

/**
 * A device database that is a symbolic link to a file outside the fleet folder: following it would
 * let whoever made the link point Flotilla's writes anywhere the workers' user may write.
 */
public final class OutsideFleetException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public OutsideFleetException(String message) {
    super(message);
  }
}
