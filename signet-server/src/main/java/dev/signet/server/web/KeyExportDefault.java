package dev.signet.server.web;

import java.time.Instant;

/**
 * The organisation's default for digital IDs got on the web ("get a digital ID", import): non-exportable
 * unless the person unticks "Do not allow export", or exportable unless they tick it. Non-exportable
 * until an administrator changes it; a person's own default profile can make it non-exportable too.
 */
final class KeyExportDefault {
  private final WebDatabase db;

  KeyExportDefault(WebDatabase db) {
    this.db = db;
  }

  boolean nonExportable() {
    return db.one("SELECT non_exportable FROM web_key_export WHERE id = 1", r -> r.getBoolean(1)).orElse(true);
  }

  /** Sets the default, audit-logged in the same transaction. */
  void set(boolean nonExportable, String actor, Instant now) {
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_key_export WHERE id = 1");
      WebDatabase.update(c, "INSERT INTO web_key_export (id, non_exportable, changed_by, changed_at) VALUES (1, ?, ?, ?)",
          nonExportable, actor, now);
      // The CA's audit log is the organisation's one log of administrators' actions.
      return WebDatabase.update(c, "INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)", now, actor,
          "key-export", nonExportable ? "new digital IDs non-exportable by default" : "new digital IDs exportable by default");
    });
  }
}
