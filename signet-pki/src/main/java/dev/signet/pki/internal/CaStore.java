package dev.signet.pki.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.signet.core.ErrorLine;
import dev.signet.pki.AuditEvent;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CaException;
import dev.signet.pki.CaSettings;
import dev.signet.pki.Generation;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.OcspSigner;
import dev.signet.pki.Profile;
import dev.signet.pki.RevocationReason;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/** The CA's records in SQL (H2 or PostgreSQL, one schema migrated by Flyway). Every write is one transaction. */
public final class CaStore implements AutoCloseable {
  // Flyway reports each migration step at INFO through java.util.logging; the CLI's stderr is for errors.
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  static {
    FLYWAY_LOG.setLevel(Level.WARNING);
  }

  private final HikariDataSource pool;

  /** The CA's settings, fixed at init. */
  public record Config(String name, String keyType, String baseUrl, byte[] kdfSalt, int kdfIterations, Instant createdAt) {}

  /** A key as stored: its certificate and the key sealed under the passphrase. */
  public record SealedKey(String role, byte[] certificate, byte[] sealedKey) {}

  /** A token's record, found by the hash of its secret. */
  public record TokenRecord(String email, Instant expires, Optional<Instant> signingUsed, Optional<Instant> encryptionUsed,
      Optional<Instant> revoked) {}

  /** Work done inside one transaction. */
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private CaStore(HikariDataSource pool) {
    this.pool = pool;
  }

  public static CaStore open(CaDatabase database) {
    HikariDataSource pool;
    try {
      pool = database.pool("signet-ca");
    } catch (RuntimeException e) {
      throw new CaException(CaException.Reason.STORE,
          "cannot open the CA database " + database + ": " + ErrorLine.innermost(e).getMessage(), e);
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new CaException(CaException.Reason.STORE,
          "cannot migrate the CA database " + database + ": " + ErrorLine.innermost(e).getMessage(), e);
    }
    return new CaStore(pool);
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new CaException(CaException.Reason.STORE, "the CA database failed: " + e.getMessage(), e);
    }
  }

  public Optional<Config> config() {
    return inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT name, key_type, base_url, kdf_salt, kdf_iterations, created_at FROM ca_config WHERE id = 1");
          ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Config(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4), r.getInt(5), instant(r, 6)))
            : Optional.empty();
      }
    });
  }

  public static void insertConfig(Connection c, Config config) throws SQLException {
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

  /** The settings an administrator may change; the defaults until one does. */
  public CaSettings settings() {
    return inTransaction(CaStore::settings);
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

  public static void insertKey(Connection c, SealedKey key) throws SQLException {
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
    insertKey(c, key);
  }

  public Optional<SealedKey> key(String role) {
    return inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT certificate, sealed_key FROM ca_key WHERE role = ?")) {
        s.setString(1, role);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(new SealedKey(role, r.getBytes(1), r.getBytes(2))) : Optional.empty();
        }
      }
    });
  }

  /** Adds a certificate; the serial's primary key refuses a duplicate. */
  public static void insertCertificate(Connection c, String email, Profile profile, X509Certificate cert)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO issued_certificate (serial, email, profile,"
        + " not_before, not_after, der) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, cert.getSerialNumber().toString(16));
      s.setString(2, email);
      s.setString(3, profile.name());
      s.setTimestamp(4, new Timestamp(cert.getNotBefore().getTime()));
      s.setTimestamp(5, new Timestamp(cert.getNotAfter().getTime()));
      s.setBytes(6, Pem.encoded(cert));
      s.executeUpdate();
    }
  }

  public List<IssuedCertificate> certificates() {
    return select("", null);
  }

  public List<IssuedCertificate> certificatesFor(String email) {
    return select(" WHERE email = ?", email);
  }

  public Optional<IssuedCertificate> certificate(String serialHex) {
    return select(" WHERE serial = ?", serialHex).stream().findFirst();
  }

  public List<IssuedCertificate> revoked() {
    return select(" WHERE revoked_at IS NOT NULL", null);
  }

  private List<IssuedCertificate> select(String where, String parameter) {
    return inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT serial, email, profile, not_before, not_after, revoked_at,"
          + " revocation_reason, der FROM issued_certificate" + where + " ORDER BY not_before, serial")) {
        if (parameter != null) {
          s.setString(1, parameter);
        }
        List<IssuedCertificate> all = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Optional<IssuedCertificate.Revocation> revocation = r.getTimestamp(6) == null ? Optional.empty()
                : Optional.of(new IssuedCertificate.Revocation(instant(r, 6), RevocationReason.fromCode(r.getInt(7))));
            all.add(new IssuedCertificate(r.getString(1), r.getString(2), Profile.valueOf(r.getString(3)),
                instant(r, 4), instant(r, 5), revocation, Pem.certificate(r.getBytes(8))));
          }
        }
        return all;
      }
    });
  }

  /** Marks a certificate revoked unless it already is; false when it was. */
  public static boolean revoke(Connection c, String serialHex, Instant at, RevocationReason reason) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE issued_certificate SET revoked_at = ?, revocation_reason = ?"
        + " WHERE serial = ? AND revoked_at IS NULL")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setInt(2, reason.code());
      s.setString(3, serialHex);
      return s.executeUpdate() == 1;
    }
  }

  public static long nextCrlNumber(Connection c, String issuer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(number) FROM crl WHERE issuer = ?")) {
      s.setString(1, issuer);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1) + 1;
      }
    }
  }

  public static void insertCrl(Connection c, String issuer, long number, Instant thisUpdate, Instant nextUpdate,
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

  /** The newest CRL of {@code issuer} with its thisUpdate and nextUpdate. */
  public record StoredCrl(Instant thisUpdate, Instant nextUpdate, byte[] der) {}

  public Optional<StoredCrl> latestCrl(String issuer) {
    return inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT this_update, next_update, der FROM crl WHERE issuer = ? ORDER BY number DESC LIMIT 1")) {
        s.setString(1, issuer);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(new StoredCrl(instant(r, 1), instant(r, 2), r.getBytes(3))) : Optional.empty();
        }
      }
    });
  }

  /** The last time any certificate was revoked, if ever. */
  public Optional<Instant> lastRevocation() {
    return inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT MAX(revoked_at) FROM issued_certificate");
          ResultSet r = s.executeQuery()) {
        r.next();
        return Optional.ofNullable(r.getTimestamp(1)).map(Timestamp::toInstant);
      }
    });
  }

  public static void insertToken(Connection c, byte[] hash, String email, String name, Instant created, Instant expires)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO enrollment_token (token_hash, email, name, created_at,"
        + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, HexFormat.of().formatHex(hash));
      s.setString(2, email);
      s.setString(3, name);
      s.setTimestamp(4, Timestamp.from(created));
      s.setTimestamp(5, Timestamp.from(expires));
      s.executeUpdate();
    }
  }

  /** The token with this hash, locked for update so two enrollments cannot both use it. */
  public static Optional<TokenRecord> tokenForUpdate(Connection c, byte[] hash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT email, expires_at, signing_used_at, encryption_used_at,"
        + " revoked_at FROM enrollment_token WHERE token_hash = ? FOR UPDATE")) {
      s.setString(1, HexFormat.of().formatHex(hash));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new TokenRecord(r.getString(1), instant(r, 2),
            Optional.ofNullable(r.getTimestamp(3)).map(Timestamp::toInstant),
            Optional.ofNullable(r.getTimestamp(4)).map(Timestamp::toInstant),
            Optional.ofNullable(r.getTimestamp(5)).map(Timestamp::toInstant))) : Optional.empty();
      }
    }
  }

  /** Uses up the token's slot(s) for {@code profile}; false if another request used one first. */
  public static boolean useToken(Connection c, byte[] hash, Profile profile, Instant at) throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE enrollment_token SET ");
    List<String> sets = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    if (profile.signs()) {
      sets.add("signing_used_at = ?");
      conditions.add("signing_used_at IS NULL");
    }
    if (profile.encrypts()) {
      sets.add("encryption_used_at = ?");
      conditions.add("encryption_used_at IS NULL");
    }
    sql.append(String.join(", ", sets)).append(" WHERE token_hash = ? AND ").append(String.join(" AND ", conditions));
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (int k = 0; k < sets.size(); k++) {
        s.setTimestamp(i++, Timestamp.from(at));
      }
      s.setString(i, HexFormat.of().formatHex(hash));
      return s.executeUpdate() == 1;
    }
  }

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

  public Optional<X509Certificate> recoveryAgent() {
    return inTransaction(CaStore::recoveryAgent);
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

  /** An archived key as stored: the serial of its certificate and the CMS message sealed to the agent. */
  public record ArchivedKey(String serial, byte[] sealed) {}

  /** The archived keys of {@code email}, newest first. */
  public List<ArchivedKey> archivedKeys(String email) {
    return inTransaction(c -> {
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
    });
  }

  public static void audit(Connection c, Instant at, String actor, String action, String detail) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setString(2, actor);
      s.setString(3, action);
      s.setString(4, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
      s.executeUpdate();
    }
  }

  public List<AuditEvent> auditLog() {
    return inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, at, actor, action, detail FROM audit_event ORDER BY id");
          ResultSet r = s.executeQuery()) {
        List<AuditEvent> all = new ArrayList<>();
        while (r.next()) {
          all.add(new AuditEvent(r.getLong(1), instant(r, 2), r.getString(3), r.getString(4), r.getString(5)));
        }
        return all;
      }
    });
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getTimestamp(column).toInstant();
  }

  @Override
  public void close() {
    pool.close();
  }
}
