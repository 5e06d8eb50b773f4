package dev.flotilla.migration.adoption;

import dev.flotilla.devicedb.foreign.ForeignHistory;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.foreign.ForeignToolDetection;
import dev.flotilla.devicedb.foreign.ForeignToolDetector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the migration tools' histories in a database say, as far as adoption needs it: the tools
 * found (with evidence), the tables that bear a tool's name without its columns, and the history of
 * the one tool when exactly one was found. Two histories are never read: which one the application
 * follows cannot be told.
 */
record ForeignReading(ForeignToolDetection detection, Optional<ForeignHistory> history) {
  static final ForeignReading NONE =
      new ForeignReading(new ForeignToolDetection(List.of(), List.of()), Optional.empty());

  /** Reads the schema and the one tool's history; changes nothing. */
  static ForeignReading of(Connection db) throws SQLException {
    ForeignToolDetection detection = ForeignToolDetector.detect(db);
    Optional<ForeignTool> only = detection.only();
    return new ForeignReading(
        detection,
        only.isPresent() ? Optional.of(only.get().historyTable().read(db)) : Optional.empty());
  }

  /** Where {@code tool} keeps its history, as people know it: its table, or the pragma. */
  static String source(ForeignTool tool) {
    return tool.table().orElse("PRAGMA user_version");
  }
}
