package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class ConnectionHandlesTest {
  @Test
  void eachHandleWrapsItsOwnConnectionAndClosingItClosesTheConnection() throws Exception {
    Connection first = DriverManager.getConnection("jdbc:sqlite::memory:");
    Connection second = DriverManager.getConnection("jdbc:sqlite::memory:");

    try (Handle a = ConnectionHandles.open(first);
        Handle b = ConnectionHandles.open(second)) {
      assertThat(a.getConnection()).isSameAs(first);
      assertThat(b.getConnection()).isSameAs(second);
      a.execute("CREATE TABLE t (x)");
      assertThat(b.createQuery("SELECT count(*) FROM sqlite_master").mapTo(Integer.class).one())
          .isZero();
    }

    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isTrue();
  }
}
