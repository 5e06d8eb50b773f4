package dev.flotilla.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What a connection that writes a device database is set to: durability and checks differ in cost,
 * so the report shows them for every variant rather than assuming them equal.
 *
 * @param journalMode {@code wal} for every device database
 * @param synchronous OFF, NORMAL, FULL or EXTRA; FULL is the product's (NORMAL can lose the last
 *     commits on power loss)
 * @param foreignKeys whether foreign keys are enforced
 */
record ConnectionSettings(String journalMode, String synchronous, boolean foreignKeys) {
  private static final List<String> SYNCHRONOUS = List.of("OFF", "NORMAL", "FULL", "EXTRA");

  static ConnectionSettings of(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      String journal = text(statement, "PRAGMA journal_mode").toLowerCase(Locale.ROOT);
      int synchronous = Integer.parseInt(text(statement, "PRAGMA synchronous"));
      boolean foreignKeys = Integer.parseInt(text(statement, "PRAGMA foreign_keys")) == 1;
      return new ConnectionSettings(
          journal,
          synchronous >= 0 && synchronous < SYNCHRONOUS.size()
              ? SYNCHRONOUS.get(synchronous)
              : String.valueOf(synchronous),
          foreignKeys);
    }
  }

  private static String text(Statement statement, String pragma) throws SQLException {
    try (ResultSet result = statement.executeQuery(pragma)) {
      if (!result.next()) {
        throw new SQLException(pragma + " returned nothing");
      }
      return result.getString(1);
    }
  }

  @Override
  public String toString() {
    return journalMode
        + ", synchronous="
        + synchronous
        + ", foreign_keys="
        + (foreignKeys ? "ON" : "OFF");
  }
}
