package dev.signet.mail;

import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * The certificate mail to this address is encrypted to at {@code now}: {@link #forEncryption} when one
   * is found, else the newest certificate (so that a caller is told why it cannot encrypt).
   */
  public Known current(Instant now) {
    return forEncryption(now).orElse(history.get(0));
  }

  /**
   * The certificate to encrypt to at {@code now}: of those valid then whose key may encrypt (key
   * encipherment or key agreement, or no key usage extension), the one its owner named last in a
   * signed SMIMEEncryptionKeyPreference (RFC 8551 2.5.3: the most recent preference wins), else the
   * newest. Empty when none is valid and encrypts.
   */
  public Optional<Known> forEncryption(Instant now) {
    List<Known> usable = history.stream().filter(k -> k.validAt(now) && k.encrypts()).toList();
    return usable.stream().filter(k -> k.lastNamed().isPresent())
        .max(Comparator.comparing((Known k) -> k.lastNamed().orElseThrow()))
        .or(() -> usable.stream().findFirst());
  }

  /**
   * One certificate learned from signed mail.
   *
   * @param capabilities the ciphers its owner announced they read, strongest preference first; empty when unknown
   * @param firstSeen when a message first brought it
   * @param lastSeen when a message last brought it
   * @param lastNamed when a message last named it as the certificate to encrypt to (SMIMEEncryptionKeyPreference,
   *     RFC 8551 section 2.5.3); empty when none did
   */
  public record Known(X509Certificate certificate, List<ContentCipher> capabilities, Instant firstSeen,
      Instant lastSeen, Optional<Instant> lastNamed) {
    public Known {
      Objects.requireNonNull(certificate, "certificate");
      capabilities = List.copyOf(capabilities);
      Objects.requireNonNull(firstSeen, "firstSeen");
      Objects.requireNonNull(lastSeen, "lastSeen");
      Objects.requireNonNull(lastNamed, "lastNamed");
    }

    /** A certificate no message named as the one to encrypt to. */
    public Known(X509Certificate certificate, List<ContentCipher> capabilities, Instant firstSeen, Instant lastSeen) {
      this(certificate, capabilities, firstSeen, lastSeen, Optional.empty());
    }

    /** Whether its key may encrypt: key encipherment or key agreement, or no key usage extension at all. */
    public boolean encrypts() {
      return Certificates.encrypts(certificate);
    }

    boolean validAt(Instant now) {
      return !now.isBefore(certificate.getNotBefore().toInstant())
          && !now.isAfter(certificate.getNotAfter().toInstant());
    }
  }
}
