package dev.signet.mail;

import dev.signet.core.SignedReceiptRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message written as the copies it goes out as (encrypted, each Bcc recipient gets a copy of their
 * own and the others one without them); {@code receipt} is the request signed into
 * the first, which the sender keeps to check receipts against, and the first is the sender's own copy.
 */
public record Copies(List<Copy> copies, Optional<SignedReceiptRequest> receipt) {
  public Copies {
    copies = List.copyOf(copies);
    Objects.requireNonNull(receipt, "receipt");
  }

  /** One copy: its bytes and its SMTP envelope's recipients. */
  public record Copy(List<String> recipients, byte[] message) {
    public Copy {
      recipients = List.copyOf(recipients);
    }
  }

  /** The copy the sender keeps (in Sent): the first. */
  public Copy first() {
    return copies.get(0);
  }
}
