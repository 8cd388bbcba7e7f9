package dev.signet.server.web;

import java.time.Instant;

/**
 * The organisation's default for digital IDs got on the web ("get a digital ID", import): non-exportable
 * unless the person unticks "Do not allow export", or exportable unless they tick it. Non-exportable
 * until an administrator changes it; a person's own default profile can make it non-exportable too.
 */
final class KeyExportDefault extends OrganisationSwitch {
  KeyExportDefault(WebDatabase db) {
    super(db, "key-export", true);
  }

  boolean nonExportable() {
    return on();
  }

  /** Sets the default. */
  void set(boolean nonExportable, String actor, Instant now) {
    set(nonExportable, actor, now,
        nonExportable ? "new digital IDs non-exportable by default" : "new digital IDs exportable by default");
  }
}
