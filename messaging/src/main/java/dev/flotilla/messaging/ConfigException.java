package dev.flotilla.messaging;

/**
 * A service cannot start because of its configuration. The message is one line naming the variable,
 * fit to print as it is.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
