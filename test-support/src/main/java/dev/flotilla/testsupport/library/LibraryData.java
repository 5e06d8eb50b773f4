package dev.flotilla.testsupport.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The rows a library application writes into its schema (authors, their books, the books' loans:
 * migration-worker's folder fixtures build it), at whatever version the database is: books get an
 * {@code isbn} once the column exists, loans once the table does. It writes as the application
 * does, foreign keys on: a few authors are deleted again and their books go with them ({@code ON
 * DELETE CASCADE}), and the trigger that lends a book to one borrower at a time is made to refuse a
 * second loan. Hundreds of rows, deterministic for a seed, so a comparison row by row before and
 * after a migration proves nothing was lost.
 *
 * <p>Every book has a publication year: version 4 makes the column {@code NOT NULL} and writes 0
 * for a missing year, a change of value a row comparison would rightly call one.
 */
public final class LibraryData {
  private static final int AUTHORS = 240;
  private static final List<String> FIRST =
      List.of(
          "Ursula",
          "Italo",
          "Zoë",
          "José",
          "Łucja",
          "Chinua",
          "Wisława",
          "Haruki",
          "Ngũgĩ",
          "Olga",
          "Jorge Luis",
          "Toni",
          "Stanisław",
          "Clarice",
          "Naguib",
          "Doris");
  private static final List<String> LAST =
      List.of(
          "Le Guin",
          "Calvino",
          "Saramago",
          "Achebe",
          "Szymborska",
          "Murakami",
          "wa Thiong'o",
          "Tokarczuk",
          "Borges",
          "Morrison",
          "Lem",
          "Lispector",
          "Mahfouz",
          "Lessing",
          "O'Brien");
  private static final List<String> WORDS =
      List.of(
          "Dispossessed",
          "Cities",
          "Invisible",
          "Blindness",
          "Things",
          "Fall",
          "Apart",
          "Night",
          "Wind-Up",
          "Bird",
          "Grain",
          "Wheat",
          "Flights",
          "Labyrinths",
          "Beloved",
          "Solaris",
          "Hour",
          "Star",
          "Palace",
          "Walk",
          "Golden",
          "Notebook",
          "\"Quoted\"",
          "Ælfred's");
  private static final List<String> BORROWERS =
      List.of("ada", "grace", "linus", "margaret", "edsger", "barbara", "ken", "frances");

  private LibraryData() {}

  /** What {@link #seed} wrote and what the schema made of it. */
  public record Seeded(
      int authors, int books, int loans, int booksCascaded, boolean triggerRefused) {}

  /**
   * Writes the library's rows into {@code file}, whose schema is the library's at any version.
   *
   * @throws IllegalStateException when the schema does not behave as the library's (no cascade, a
   *     second loan of a lent book accepted)
   */
  public static Seeded seed(Path file, long seed) {
    Random random = new Random(seed);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement statement = db.createStatement()) {
        statement.execute("PRAGMA foreign_keys = ON");
      }
      db.setAutoCommit(false);
      boolean hasIsbn = hasColumn(db, "book", "isbn");
      boolean hasLoans = hasTable(db, "loan");
      int books = insertAuthorsAndBooks(db, random, hasIsbn);
      int cascaded = deleteSomeAuthors(db);
      int loans = 0;
      boolean refused = false;
      if (hasLoans) {
        List<Integer> lent = new ArrayList<>();
        loans = insertLoans(db, random, lent);
        refused = secondLoanRefused(db, lent.get(0));
      }
      db.commit();
      return new Seeded(
          (int) count(db, "SELECT count(*) FROM author"),
          (int) count(db, "SELECT count(*) FROM book"),
          loans,
          cascaded,
          refused);
    } catch (SQLException e) {
      throw new IllegalStateException("could not seed the library in " + file + ": " + e, e);
    }
  }

  private static int insertAuthorsAndBooks(Connection db, Random random, boolean hasIsbn)
      throws SQLException {
    int bookId = 0;
    try (PreparedStatement author = db.prepareStatement("INSERT INTO author VALUES (?, ?)");
        PreparedStatement book =
            db.prepareStatement(
                hasIsbn
                    ? "INSERT INTO book (id, author_id, title, published, isbn)"
                        + " VALUES (?, ?, ?, ?, ?)"
                    : "INSERT INTO book (id, author_id, title, published) VALUES (?, ?, ?, ?)")) {
      for (int id = 1; id <= AUTHORS; id++) {
        author.setInt(1, id);
        author.setString(2, pick(random, FIRST) + " " + pick(random, LAST));
        author.executeUpdate();
        int booksOfAuthor = 1 + random.nextInt(7);
        for (int i = 0; i < booksOfAuthor; i++) {
          bookId++;
          book.setInt(1, bookId);
          book.setInt(2, id);
          book.setString(3, "The " + pick(random, WORDS) + " " + pick(random, WORDS));
          book.setInt(4, 1890 + random.nextInt(135));
          if (hasIsbn) {
            // Unique by construction (the book's id); a tenth have none, which UNIQUE allows.
            book.setString(5, random.nextInt(10) == 0 ? null : String.format("978-%010d", bookId));
          }
          book.executeUpdate();
        }
      }
    }
    return bookId;
  }

  /** Every 29th author leaves, and with foreign keys on, their books leave with them. */
  private static int deleteSomeAuthors(Connection db) throws SQLException {
    String theirs = "FROM book WHERE author_id % 29 = 0";
    long books = count(db, "SELECT count(*) " + theirs);
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate("DELETE FROM author WHERE id % 29 = 0");
    }
    if (count(db, "SELECT count(*) " + theirs) != 0) {
      throw new IllegalStateException("deleting an author did not cascade to their books");
    }
    return (int) books;
  }

  /**
   * About half the books were lent and returned once or twice; a third of those are out now.
   * Returned loans first: the trigger refuses any loan of a book that is out.
   */
  private static int insertLoans(Connection db, Random random, List<Integer> lentNow)
      throws SQLException {
    int loans = 0;
    try (PreparedStatement loan =
            db.prepareStatement(
                "INSERT INTO loan (book_id, borrower, loaned_at, returned_at) VALUES (?, ?, ?, ?)");
        Statement statement = db.createStatement();
        ResultSet books = statement.executeQuery("SELECT id FROM book ORDER BY id")) {
      List<Integer> ids = new ArrayList<>();
      while (books.next()) {
        ids.add(books.getInt(1));
      }
      for (int book : ids) {
        if (random.nextBoolean()) {
          continue;
        }
        int day = 1 + random.nextInt(27);
        int returned = 1 + random.nextInt(2);
        for (int i = 0; i < returned; i++) {
          insertLoan(loan, book, random, String.format("2024-0%d-%02d 10:00:00", i + 1, day));
          loans++;
        }
        if (random.nextInt(3) == 0) {
          loan.setInt(1, book);
          loan.setString(2, pick(random, BORROWERS));
          loan.setString(3, String.format("2024-05-%02d 16:30:00", day));
          loan.setString(4, null);
          loan.executeUpdate();
          lentNow.add(book);
          loans++;
        }
      }
    }
    if (lentNow.isEmpty()) {
      throw new IllegalStateException("no book is out on loan; the seed lends none");
    }
    return loans;
  }

  private static void insertLoan(PreparedStatement loan, int book, Random random, String at)
      throws SQLException {
    loan.setInt(1, book);
    loan.setString(2, pick(random, BORROWERS));
    loan.setString(3, at);
    loan.setString(4, at.substring(0, 11) + "18:00:00");
    loan.executeUpdate();
  }

  /** The trigger's work: a book that is out cannot be lent again until it is returned. */
  private static boolean secondLoanRefused(Connection db, int lentBook) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO loan (book_id, borrower, loaned_at) VALUES ("
              + lentBook
              + ", 'intruder', '2024-06-01 09:00:00')");
    } catch (SQLException refused) {
      if (refused.getMessage().contains("the book is already on loan")) {
        return true;
      }
      throw refused;
    }
    throw new IllegalStateException("book " + lentBook + " was lent twice: no trigger refused it");
  }

  private static boolean hasTable(Connection db, String table) throws SQLException {
    return count(
            db,
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")
        > 0;
  }

  private static boolean hasColumn(Connection db, String table, String column) throws SQLException {
    return count(
            db,
            "SELECT count(*) FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'")
        > 0;
  }

  private static long count(Connection db, String query) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet row = statement.executeQuery(query)) {
      return row.next() ? row.getLong(1) : 0;
    }
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
