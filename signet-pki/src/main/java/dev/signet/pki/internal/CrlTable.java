package dev.signet.pki.internal;

import static dev.signet.pki.internal.CaStore.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The CRLs each CA signed, numbered per issuer. */
public final class CrlTable {
  private CrlTable() {}

  /** The newest CRL of {@code issuer} with its thisUpdate and nextUpdate. */
  public record StoredCrl(Instant thisUpdate, Instant nextUpdate, byte[] der) {}

  public static long nextCrlNumber(Connection c, String issuer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(number) FROM crl WHERE issuer = ?")) {
      s.setString(1, issuer);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1) + 1;
      }
    }
  }

  public static void insert(Connection c, String issuer, long number, Instant thisUpdate, Instant nextUpdate,
      byte[] der) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO crl (issuer, number, this_update, next_update, der) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, issuer);
      s.setLong(2, number);
      s.setTimestamp(3, Timestamp.from(thisUpdate));
      s.setTimestamp(4, Timestamp.from(nextUpdate));
      s.setBytes(5, der);
      s.executeUpdate();
    }
  }

  static Optional<StoredCrl> latest(Connection c, String issuer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT this_update, next_update, der FROM crl WHERE issuer = ? ORDER BY number DESC LIMIT 1")) {
      s.setString(1, issuer);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new StoredCrl(instant(r, 1), instant(r, 2), r.getBytes(3))) : Optional.empty();
      }
    }
  }
}
