package dev.signet.pki.internal;

import static dev.signet.pki.internal.CaStore.instant;

import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.CertificateProfile;
import dev.signet.pki.RevocationReason;
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

/** Every certificate the issuing CA issued, with its revocation once it is revoked. */
public final class CertificateTable {
  private CertificateTable() {}

  /** Adds a certificate; the serial's primary key refuses a duplicate. */
  public static void insert(Connection c, String email, CertificateProfile profile, X509Certificate cert)
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

  /** The certificates matching {@code where} (with at most one parameter), oldest first. */
  static List<IssuedCertificate> select(Connection c, String where, String parameter) throws SQLException {
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
          all.add(new IssuedCertificate(r.getString(1), r.getString(2), CertificateProfile.valueOf(r.getString(3)),
              instant(r, 4), instant(r, 5), revocation, Pem.certificate(r.getBytes(8))));
        }
      }
      return all;
    }
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

  /** The last time any certificate was revoked, if ever. */
  static Optional<Instant> lastRevocation(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(revoked_at) FROM issued_certificate");
        ResultSet r = s.executeQuery()) {
      r.next();
      return Optional.ofNullable(r.getTimestamp(1)).map(Timestamp::toInstant);
    }
  }
}
