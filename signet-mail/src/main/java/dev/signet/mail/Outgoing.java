package dev.signet.mail;

import dev.signet.core.ComposePlan;
import java.util.List;
import java.util.Objects;

/**
 * A new message as planned: what policy decided (each decision with the setting that made it) and
 * where each recipient's certificate came from. Its recipients, Bcc included, are the SMTP envelope's.
 */
public record Outgoing(ComposePlan plan, List<RecipientLookup.Found> recipients) {
  public Outgoing {
    Objects.requireNonNull(plan, "plan");
    recipients = List.copyOf(recipients);
  }

  /** Every recipient's address, Bcc included. */
  public List<String> addresses() {
    return recipients.stream().map(f -> f.recipient().address()).toList();
  }
}
