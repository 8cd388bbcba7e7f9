package dev.signet.server.web;

import com.zaxxer.hikari.HikariDataSource;
import dev.signet.pki.CaDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The web UI's tables in the CA's database (the CA's Flyway run migrates them with its own, from
 * {@code db/migration} V100 on). A pool of its own, so the web UI needs nothing internal to the CA.
 */
final class WebDatabase implements AutoCloseable {
  private final CaDatabase database;
  private final HikariDataSource pool;

  /** Turns the current row into a value. */
  interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  WebDatabase(CaDatabase database) {
    this.database = database;
    this.pool = database.pool("signet-web");
  }

  /** Runs {@code work}, which may write, in one transaction: all of it is committed, or none. */
  <T> T inTransaction(CaDatabase.Work<T> work) {
    try {
      return database.inTransaction(pool, work);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Runs {@code work}, which only reads, in one transaction; it need not wait for writers (see {@link CaDatabase}). */
  private <T> T reading(CaDatabase.Work<T> work) {
    try {
      return database.reading(pool, work);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static IllegalStateException failed(SQLException e) {
    return new IllegalStateException("the web UI's database failed", e);
  }

  int update(String sql, Object... args) {
    return inTransaction(c -> update(c, sql, args));
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, args)) {
      return s.executeUpdate();
    }
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) {
    return reading(c -> {
      try (PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (r.next()) {
          out.add(row.read(r));
        }
        return out;
      }
    });
  }

  <T> Optional<T> one(String sql, Row<T> row, Object... args) {
    return query(sql, row, args).stream().findFirst();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        s.setTimestamp(i + 1, Timestamp.from(t));
      } else if (a instanceof byte[] b) {
        s.setBytes(i + 1, b);
      } else {
        s.setObject(i + 1, a);
      }
    }
    return s;
  }

  static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getTimestamp(column).toInstant();
  }

  @Override
  public void close() {
    pool.close();
  }
}
