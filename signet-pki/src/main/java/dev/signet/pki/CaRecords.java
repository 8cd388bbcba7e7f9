package dev.signet.pki;

import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an administrator lists of the CA's records: enrollment tokens (and revokes them), the audit log by page. */
final class CaRecords {
  /** The audit events whose actor, action or detail holds a text, between two times (a constant: values are bound). */
  private static final String AUDIT_WHERE = " FROM audit_event WHERE (LOWER(actor) LIKE ? ESCAPE '!'"
      + " OR LOWER(action) LIKE ? ESCAPE '!' OR LOWER(detail) LIKE ? ESCAPE '!') AND at >= ? AND at < ?";

  private final CaStore store;

  CaRecords(CaStore store) {
    this.store = store;
  }

  /** Every token, newest first. */
  List<IssuedToken> tokens() {
    return store.reading(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT token_hash, email, created_at, expires_at, signing_used_at,"
          + " encryption_used_at, revoked_at FROM enrollment_token ORDER BY created_at DESC, token_hash");
          ResultSet r = s.executeQuery()) {
        List<IssuedToken> all = new ArrayList<>();
        while (r.next()) {
          all.add(new IssuedToken(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
              r.getTimestamp(4).toInstant(), instant(r, 5), instant(r, 6), instant(r, 7)));
        }
        return all;
      }
    });
  }

  /** Revokes the open or partly used token {@code id}; false when there is none that revoking would stop. */
  boolean revokeToken(String id, Instant now, String actor) {
    return store.inTransaction(c -> {
      Optional<String> email = revocable(c, id, now);
      if (email.isEmpty()) {
        return false;
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE enrollment_token SET revoked_at = ? WHERE token_hash = ?")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setString(2, id);
        s.executeUpdate();
      }
      AuditTable.audit(c, now, actor, "token-revoke", "for " + email.get());
      return true;
    });
  }

  private static Optional<String> revocable(Connection c, String id, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT email FROM enrollment_token WHERE token_hash = ?"
        + " AND revoked_at IS NULL AND expires_at > ? AND (signing_used_at IS NULL OR encryption_used_at IS NULL)"
        + " FOR UPDATE")) {
      s.setString(1, id);
      s.setTimestamp(2, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** One page of the audit events {@code query} asks for, newest first. */
  AuditQuery.Page audit(AuditQuery query) {
    String like = "%" + query.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
        + "%";
    Timestamp from = Timestamp.from(query.from().orElse(Instant.EPOCH));
    Timestamp until = Timestamp.from(query.until().orElse(Instant.parse("9999-01-01T00:00:00Z")));
    return store.reading(c -> {
      int total;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*)" + AUDIT_WHERE)) {
        bind(s, like, from, until);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getInt(1);
        }
      }
      List<AuditEvent> events = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, at, actor, action, detail" + AUDIT_WHERE
          + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
        bind(s, like, from, until);
        s.setInt(6, query.limit());
        s.setInt(7, query.offset());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            events.add(new AuditEvent(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                r.getString(5)));
          }
        }
      }
      return new AuditQuery.Page(events, total);
    });
  }

  private static void bind(PreparedStatement s, String like, Timestamp from, Timestamp until) throws SQLException {
    s.setString(1, like);
    s.setString(2, like);
    s.setString(3, like);
    s.setTimestamp(4, from);
    s.setTimestamp(5, until);
  }

  private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
    return Optional.ofNullable(r.getTimestamp(column)).map(Timestamp::toInstant);
  }
}
