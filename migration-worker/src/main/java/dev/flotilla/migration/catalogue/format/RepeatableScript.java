package dev.flotilla.migration.catalogue.format;

import java.util.Objects;

/**
 * A Flyway repeatable migration, {@code R__<description>.sql}: it has no version; Flyway runs it
 * again after the versioned migrations whenever its checksum changes, repeatables in the order of
 * their descriptions. Flotilla has no such scripts yet: a reading lists them apart so that the push
 * can say what it does with them.
 */
public record RepeatableScript(String description, String sql, String file, boolean transactional) {
  public RepeatableScript {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(file, "file");
  }
}
