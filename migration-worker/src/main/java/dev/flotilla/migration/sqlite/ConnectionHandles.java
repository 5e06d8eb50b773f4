package dev.flotilla.migration.sqlite;

import java.sql.Connection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Jdbi handles over connections opened elsewhere, all from one Jdbi. {@code Jdbi.open(Connection)}
 * builds a whole configuration (argument and mapper registries, a parse cache) for every
 * connection, which was a sixth of the migration worker's time per device; a handle of a shared
 * Jdbi copies its configuration instead, and the statements every device runs share one parse
 * cache. Closing the handle closes the connection, as with {@code Jdbi.open(Connection)}.
 */
final class ConnectionHandles {
  private static final ThreadLocal<Connection> BEING_WRAPPED = new ThreadLocal<>();
  private static final Jdbi SHARED = Jdbi.create(ConnectionHandles::connectionBeingWrapped);

  private ConnectionHandles() {}

  static Handle open(Connection connection) {
    BEING_WRAPPED.set(connection);
    try {
      return SHARED.open();
    } finally {
      BEING_WRAPPED.remove();
    }
  }

  /** The shared Jdbi's connection factory: the connection {@link #open} is wrapping. */
  private static Connection connectionBeingWrapped() {
    Connection connection = BEING_WRAPPED.get();
    if (connection == null) {
      throw new IllegalStateException("handles of the shared Jdbi come only from open(Connection)");
    }
    return connection;
  }
}
