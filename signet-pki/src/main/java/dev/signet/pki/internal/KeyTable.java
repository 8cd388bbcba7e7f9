package dev.signet.pki.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The CA's own keys by role (root, issuing, OCSP responder, TLS), each sealed under the passphrase. */
public final class KeyTable {
  private KeyTable() {}

  /** A key as stored: its certificate and the key sealed under the passphrase. */
  public record SealedKey(String role, byte[] certificate, byte[] sealedKey) {}

  public static void insert(Connection c, SealedKey key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_key (role, certificate, sealed_key) VALUES (?, ?, ?)")) {
      s.setString(1, key.role());
      s.setBytes(2, key.certificate());
      s.setBytes(3, key.sealedKey());
      s.executeUpdate();
    }
  }

  /** Adds or replaces the key of {@code role}. */
  public static void putKey(Connection c, SealedKey key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM ca_key WHERE role = ?")) {
      s.setString(1, key.role());
      s.executeUpdate();
    }
    insert(c, key);
  }

  static Optional<SealedKey> key(Connection c, String role) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT certificate, sealed_key FROM ca_key WHERE role = ?")) {
      s.setString(1, role);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new SealedKey(role, r.getBytes(1), r.getBytes(2))) : Optional.empty();
      }
    }
  }
}
