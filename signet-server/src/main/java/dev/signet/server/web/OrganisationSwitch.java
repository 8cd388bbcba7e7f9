package dev.signet.server.web;

import java.time.Instant;

/**
 * A yes-or-no setting of the organisation's (a row of web_switch, named by its audit-log action) that
 * an administrator changes on the Policy page; each change is audit-logged in the same transaction.
 */
abstract class OrganisationSwitch {
  private final WebDatabase db;
  private final String action;
  private final boolean absent;

  /** The switch named {@code action}; {@code absent} until first set. */
  OrganisationSwitch(WebDatabase db, String action, boolean absent) {
    this.db = db;
    this.action = action;
    this.absent = absent;
  }

  final boolean on() {
    return db.one("SELECT is_on FROM web_switch WHERE name = ?", r -> r.getBoolean(1), action).orElse(absent);
  }

  final void set(boolean on, String actor, Instant now, String detail) {
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_switch WHERE name = ?", action);
      WebDatabase.update(c, "INSERT INTO web_switch (name, is_on, changed_by, changed_at) VALUES (?, ?, ?, ?)",
          action, on, actor, now);
      // The CA's audit log is the organisation's one log of administrators' actions.
      return WebDatabase.update(c, "INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)", now, actor,
          action, detail);
    });
  }
}
