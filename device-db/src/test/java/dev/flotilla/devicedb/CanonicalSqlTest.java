package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalSqlTest {
  /** What ALTER TABLE ADD COLUMN leaves, and what an undo script's rebuild and rename leave. */
  @Test
  void aTableRebuiltAndRenamedReadsLikeTheTableAnAlterLeft() {
    String altered =
        "CREATE TABLE book (\n  id        INTEGER PRIMARY KEY,\n  published INTEGER\n, isbn TEXT)";
    String rebuilt =
        "CREATE TABLE \"book\" (\n  id        INTEGER PRIMARY KEY,\n  published INTEGER,\n"
            + "  isbn      TEXT\n)";

    assertThat(CanonicalSql.of(rebuilt)).isEqualTo(CanonicalSql.of(altered));
    assertThat(CanonicalSql.of(altered))
        .isEqualTo("create table book(id integer primary key,published integer,isbn text)");
  }

  @Test
  void stringLiteralsAndNamesThatNeedQuotesAreKeptAsWritten() {
    assertThat(CanonicalSql.of("CREATE TABLE \"Audit Log\" (note TEXT DEFAULT 'Hello  World')"))
        .isEqualTo("create table \"Audit Log\"(note text default 'Hello  World')");
    assertThat(CanonicalSql.of("CHECK (kind IN ('A', 'b''c'))"))
        .isEqualTo("check(kind in('A','b''c'))");
  }

  @Test
  void aDifferenceThatMattersStaysADifference() {
    assertThat(CanonicalSql.of("CREATE TABLE t (a INTEGER NOT NULL)"))
        .isNotEqualTo(CanonicalSql.of("CREATE TABLE t (a INTEGER)"));
    assertThat(CanonicalSql.of("CREATE TABLE t (a TEXT DEFAULT 'x')"))
        .isNotEqualTo(CanonicalSql.of("CREATE TABLE t (a TEXT DEFAULT 'X')"));
  }
}
