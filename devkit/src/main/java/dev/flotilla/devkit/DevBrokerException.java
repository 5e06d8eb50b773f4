package dev.flotilla.devkit;

/** The dev broker could not start, stop or answer; the message quotes the broker's log. */
public final class DevBrokerException extends RuntimeException {
  DevBrokerException(String message) {
    super(message);
  }

  DevBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
