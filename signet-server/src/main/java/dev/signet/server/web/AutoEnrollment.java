package dev.signet.server.web;

import java.time.Instant;

/**
 * The organisation's auto-enrollment setting: when an administrator allows it, a signed-in person
 * gets a dual-use digital ID for their own address without an enrollment token. Off until allowed.
 */
final class AutoEnrollment {
  private final WebDatabase db;

  AutoEnrollment(WebDatabase db) {
    this.db = db;
  }

  boolean allowed() {
    return db.one("SELECT allowed FROM web_auto_enrollment WHERE id = 1", r -> r.getBoolean(1)).orElse(false);
  }

  /** Allows or stops auto-enrollment, audit-logged in the same transaction. */
  void set(boolean allowed, String actor, Instant now) {
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_auto_enrollment WHERE id = 1");
      WebDatabase.update(c, "INSERT INTO web_auto_enrollment (id, allowed, changed_by, changed_at) VALUES (1, ?, ?, ?)",
          allowed, actor, now);
      // The CA's audit log is the organisation's one log of administrators' actions.
      return WebDatabase.update(c, "INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)", now, actor,
          "auto-enrollment", allowed ? "auto-enrollment allowed" : "auto-enrollment stopped");
    });
  }
}
