package dev.signet.mail.transport;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope: who the message is from and every address it goes to, blind copies included
 * (compose removes the Bcc field from the message; the envelope is the only place they remain).
 */
public record Envelope(String from, List<String> recipients) {
  public Envelope {
    Objects.requireNonNull(from, "from");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one recipient");
    }
  }
}
