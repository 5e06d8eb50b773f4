package dev.flotilla.coordinator.projection;

import java.nio.file.Path;

/** Another writer (a running coordinator, a replay) holds the projection file. Nothing changed. */
public final class ProjectionsInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  ProjectionsInUseException(Path file) {
    super(
        file
            + " is in use by another writer (a running coordinator or replay); stop it and try"
            + " again");
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
