package dev.signet.pki.internal;

import static dev.signet.pki.internal.CaStore.instant;

import dev.signet.pki.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log: who did what to the CA, and when, in the order it happened. */
public final class AuditTable {
  private AuditTable() {}

  public static void audit(Connection c, Instant at, String actor, String action, String detail) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setString(2, actor);
      s.setString(3, action);
      s.setString(4, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
      s.executeUpdate();
    }
  }

  static List<AuditEvent> log(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, at, actor, action, detail FROM audit_event ORDER BY id");
        ResultSet r = s.executeQuery()) {
      List<AuditEvent> all = new ArrayList<>();
      while (r.next()) {
        all.add(new AuditEvent(r.getLong(1), instant(r, 2), r.getString(3), r.getString(4), r.getString(5)));
      }
      return all;
    }
  }
}
