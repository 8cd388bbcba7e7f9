package dev.signet.mail;

import dev.signet.core.ContentCipher;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the address book knows about one address: every certificate learned for it, newest first.
 *
 * @param history each certificate with the capabilities last announced with it; the first is the newest
 */
public record Contact(String address, List<Known> history) {
  public Contact {
    Objects.requireNonNull(address, "address");
    history = history.stream().sorted(Comparator.comparing((Known k) -> k.certificate().getNotBefore()).reversed())
        .toList();
    if (history.isEmpty()) {
      throw new IllegalArgumentException("a contact has at least one certificate");
    }
  }

  /** The newest certificate (latest start of validity) with its capabilities. */
  public Known current() {
    return history.get(0);
  }

  /**
   * One certificate learned from signed mail.
   *
   * @param capabilities the ciphers its owner announced they read, strongest preference first; empty when unknown
   * @param firstSeen when a message first brought it
   * @param lastSeen when a message last brought it
   */
  public record Known(X509Certificate certificate, List<ContentCipher> capabilities, Instant firstSeen,
      Instant lastSeen) {
    public Known {
      Objects.requireNonNull(certificate, "certificate");
      capabilities = List.copyOf(capabilities);
      Objects.requireNonNull(firstSeen, "firstSeen");
      Objects.requireNonNull(lastSeen, "lastSeen");
    }
  }
}
