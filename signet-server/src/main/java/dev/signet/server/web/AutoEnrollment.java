package dev.signet.server.web;

import java.time.Instant;

/**
 * The organisation's auto-enrollment setting: when an administrator allows it, a signed-in person
 * gets a dual-use digital ID for their own address without an enrollment token. Off until allowed.
 */
final class AutoEnrollment extends OrganisationSwitch {
  AutoEnrollment(WebDatabase db) {
    super(db, "auto-enrollment", false);
  }

  boolean allowed() {
    return on();
  }

  /** Allows or stops auto-enrollment. */
  void set(boolean allowed, String actor, Instant now) {
    set(allowed, actor, now, allowed ? "auto-enrollment allowed" : "auto-enrollment stopped");
  }
}
