package dev.signet.pki.internal;

import static dev.signet.pki.internal.CaStore.instant;

import dev.signet.pki.CaSettings;
import dev.signet.pki.Generation;
import dev.signet.pki.OcspSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The CA's one row of configuration: the settings fixed at init and those an administrator may change. */
public final class ConfigTable {
  private ConfigTable() {}

  /** The CA's settings, fixed at init. */
  public record Config(String name, String keyType, String baseUrl, byte[] kdfSalt, int kdfIterations, Instant createdAt) {}

  /** The CA's settings fixed at init, if it was. */
  static Optional<Config> config(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT name, key_type, base_url, kdf_salt, kdf_iterations, created_at FROM ca_config WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next()
          ? Optional.of(new Config(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4), r.getInt(5), instant(r, 6)))
          : Optional.empty();
    }
  }

  public static void insert(Connection c, Config config) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_config (id, name, key_type, base_url, kdf_salt,"
        + " kdf_iterations, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, config.name());
      s.setString(2, config.keyType());
      s.setString(3, config.baseUrl());
      s.setBytes(4, config.kdfSalt());
      s.setInt(5, config.kdfIterations());
      s.setTimestamp(6, Timestamp.from(config.createdAt()));
      s.executeUpdate();
    }
  }

  /** The settings, read on a connection the caller holds (no second one from the pool meanwhile). */
  public static CaSettings settings(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT generation, crl_lifetime_seconds, ocsp_lifetime_seconds,"
        + " ocsp_signer FROM ca_config WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? new CaSettings(Generation.valueOf(r.getString(1)), Duration.ofSeconds(r.getLong(2)),
          Duration.ofSeconds(r.getLong(3)), OcspSigner.valueOf(r.getString(4))) : CaSettings.defaults();
    }
  }

  public static void putSettings(Connection c, CaSettings settings) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE ca_config SET generation = ?, crl_lifetime_seconds = ?,"
        + " ocsp_lifetime_seconds = ?, ocsp_signer = ? WHERE id = 1")) {
      s.setString(1, settings.generation().name());
      s.setLong(2, settings.crlLifetime().toSeconds());
      s.setLong(3, settings.ocspLifetime().toSeconds());
      s.setString(4, settings.ocspSigner().name());
      s.executeUpdate();
    }
  }
}
