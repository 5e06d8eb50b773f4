package dev.flotilla.testsupport.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Another application's database that only looks like the library: tables {@code author}, {@code
 * book} and {@code loan} with other columns, and a {@code member} table the library never had, made
 * by hand (no migration tool's history). No version of the library's schema is this one, so a
 * migration of the library has no business touching it.
 */
public final class ForeignSchemaLibrary {
  private static final String[] SCHEMA = {
    "CREATE TABLE author (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL,"
        + " last_name TEXT NOT NULL, born INTEGER)",
    "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author (id),"
        + " title TEXT NOT NULL, year INTEGER, pages INTEGER)",
    "CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT NOT NULL, joined TEXT NOT NULL)",
    "CREATE TABLE loan (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES book (id),"
        + " member_id INTEGER NOT NULL REFERENCES member (id), due TEXT NOT NULL)",
    "CREATE INDEX loan_due ON loan (due)"
  };

  private ForeignSchemaLibrary() {}

  /** Makes the tables in {@code file} (an empty database) and writes a hundred-odd rows. */
  public static void create(Path file) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement statement = db.createStatement()) {
        statement.execute("PRAGMA foreign_keys = ON");
        db.setAutoCommit(false);
        for (String sql : SCHEMA) {
          statement.execute(sql);
        }
      }
      insert(db, "INSERT INTO author VALUES (?, 'First ' || ?, 'Last ' || ?, 1900 + ?)", 40);
      insert(db, "INSERT INTO member VALUES (?, 'Member ' || ?, '2023-01-' || (10 + ? % 20))", 30);
      insert(db, "INSERT INTO book VALUES (?, 1 + ? % 40, 'Title ' || ?, 1950 + ?, 100 + ?)", 80);
      insert(db, "INSERT INTO loan VALUES (?, 1 + ? % 80, 1 + ? % 30, '2024-07-' || (10 + ?))", 20);
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not make the foreign library in " + file, e);
    }
  }

  /** Runs {@code sql} for ids 1 to {@code rows}, every parameter bound to the id. */
  private static void insert(Connection db, String sql, int rows) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement(sql)) {
      int parameters = insert.getParameterMetaData().getParameterCount();
      for (int id = 1; id <= rows; id++) {
        for (int parameter = 1; parameter <= parameters; parameter++) {
          insert.setInt(parameter, id);
        }
        insert.executeUpdate();
      }
    }
  }
}
