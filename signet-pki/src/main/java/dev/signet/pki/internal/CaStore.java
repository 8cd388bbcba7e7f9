package dev.signet.pki.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.signet.core.ErrorLine;
import dev.signet.pki.AuditEvent;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CaException;
import dev.signet.pki.CaSettings;
import dev.signet.pki.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * The CA's records in SQL (H2 or PostgreSQL, one schema migrated by Flyway): the connection pool and
 * its transactions. Every write is one transaction; the tables' own SQL is in their classes
 * ({@link CertificateTable}, {@link TokenTable} and the others), and the reads here each take one.
 */
public final class CaStore implements AutoCloseable {
  // Flyway reports each migration step at INFO through java.util.logging; the CLI's stderr is for errors.
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  static {
    FLYWAY_LOG.setLevel(Level.WARNING);
  }

  private final CaDatabase database;
  private final HikariDataSource pool;

  private CaStore(CaDatabase database, HikariDataSource pool) {
    this.database = database;
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
    return new CaStore(database, pool);
  }

  /** Runs {@code work}, which may write, in one transaction: all of it is committed, or none. */
  public <T> T inTransaction(CaDatabase.Work<T> work) {
    try {
      return database.inTransaction(pool, work);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Runs {@code work}, which only reads, in one transaction; it need not wait for writers (see {@link CaDatabase}). */
  public <T> T reading(CaDatabase.Work<T> work) {
    try {
      return database.reading(pool, work);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static CaException failed(SQLException e) {
    return new CaException(CaException.Reason.STORE, "the CA database failed: " + e.getMessage(), e);
  }

  public Optional<ConfigTable.Config> config() {
    return reading(ConfigTable::config);
  }

  /** The settings an administrator may change; the defaults until one does. */
  public CaSettings settings() {
    return reading(ConfigTable::settings);
  }

  public Optional<KeyTable.SealedKey> key(String role) {
    return reading(c -> KeyTable.key(c, role));
  }

  public List<IssuedCertificate> certificates() {
    return reading(c -> CertificateTable.select(c, "", null));
  }

  public List<IssuedCertificate> certificatesFor(String email) {
    return reading(c -> CertificateTable.select(c, " WHERE email = ?", email));
  }

  public Optional<IssuedCertificate> certificate(String serialHex) {
    return reading(c -> CertificateTable.select(c, " WHERE serial = ?", serialHex)).stream().findFirst();
  }

  public List<IssuedCertificate> revoked() {
    return reading(c -> CertificateTable.select(c, " WHERE revoked_at IS NOT NULL", null));
  }

  /** The last time any certificate was revoked, if ever. */
  public Optional<Instant> lastRevocation() {
    return reading(CertificateTable::lastRevocation);
  }

  public Optional<CrlTable.StoredCrl> latestCrl(String issuer) {
    return reading(c -> CrlTable.latest(c, issuer));
  }

  public Optional<X509Certificate> recoveryAgent() {
    return reading(ArchiveTable::recoveryAgent);
  }

  /** The archived keys of {@code email}, newest first. */
  public List<ArchiveTable.ArchivedKey> archivedKeys(String email) {
    return reading(c -> ArchiveTable.archivedKeys(c, email));
  }

  public List<AuditEvent> auditLog() {
    return reading(AuditTable::log);
  }

  static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getTimestamp(column).toInstant();
  }

  @Override
  public void close() {
    pool.close();
  }
}
