package dev.signet.pki;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which audit events to show, newest first: those whose actor, action or detail contain {@code text}
 * (any case; empty for all), at or after {@code from} and before {@code until}, {@code limit} of them
 * from {@code offset}.
 */
public record AuditQuery(String text, Optional<Instant> from, Optional<Instant> until, int offset, int limit) {
  public AuditQuery {
    text = text.strip();
    if (offset < 0 || limit <= 0) {
      throw new IllegalArgumentException("an audit page starts at 0 or later and holds at least one event");
    }
  }

  /** What the query finds: one page of events and how many match in all. */
  public record Page(List<AuditEvent> events, int total) {
    public Page {
      events = List.copyOf(events);
    }
  }
}
