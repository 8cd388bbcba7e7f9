package dev.signet.pki.internal;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Key archival: the one recovery agent and the encryption keys sealed to it. */
public final class ArchiveTable {
  private ArchiveTable() {}

  /** An archived key as stored: the serial of its certificate and the CMS message sealed to the agent. */
  public record ArchivedKey(String serial, byte[] sealed) {}

  public static void putRecoveryAgent(Connection c, X509Certificate agent, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM recovery_agent")) {
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO recovery_agent (id, certificate, set_at) VALUES (1, ?, ?)")) {
      s.setBytes(1, Pem.encoded(agent));
      s.setTimestamp(2, Timestamp.from(at));
      s.executeUpdate();
    }
  }

  public static Optional<X509Certificate> recoveryAgent(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT certificate FROM recovery_agent WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(Pem.certificate(r.getBytes(1))) : Optional.empty();
    }
  }

  public static void archive(Connection c, String serial, String email, Instant at, byte[] sealed) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO archived_key (serial, email, archived_at, sealed) VALUES (?, ?, ?, ?)")) {
      s.setString(1, serial);
      s.setString(2, email);
      s.setTimestamp(3, Timestamp.from(at));
      s.setBytes(4, sealed);
      s.executeUpdate();
    }
  }

  /** The archived keys of {@code email}, newest first. */
  static List<ArchivedKey> archivedKeys(Connection c, String email) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT serial, sealed FROM archived_key WHERE email = ? ORDER BY archived_at DESC, serial")) {
      s.setString(1, email);
      List<ArchivedKey> all = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          all.add(new ArchivedKey(r.getString(1), r.getBytes(2)));
        }
      }
      return all;
    }
  }
}
