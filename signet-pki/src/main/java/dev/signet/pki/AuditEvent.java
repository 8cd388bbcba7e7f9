package dev.signet.pki;

import java.time.Instant;

/** One line of the audit log: who did what, when. Never holds a secret. */
public record AuditEvent(long id, Instant at, String actor, String action, String detail) {}
