package dev.signet.core;

import dev.signet.core.internal.AddressFields;
import dev.signet.core.internal.CertificateEmails;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the person asked for when sending: their choices, their digital ID and the recipients.
 *
 * @param continueEncryption encrypt to the recipients who have a usable certificate when some do not
 * @param settings the sender's profile: hash, preferred cipher, certificates sent, own encryption certificate
 * @param now when the message is sent, for certificate validity
 */
public record ComposeRequest(boolean sign, boolean encrypt, boolean opaque, boolean continueEncryption,
    DigitalId sender, SenderSettings settings, List<Recipient> recipients, Instant now, Ess ess) {
  public ComposeRequest {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(settings, "settings");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(ess, "ess");
  }

  /** A request without receipt request or label. */
  public ComposeRequest(boolean sign, boolean encrypt, boolean opaque, boolean continueEncryption,
      DigitalId sender, SenderSettings settings, List<Recipient> recipients, Instant now) {
    this(sign, encrypt, opaque, continueEncryption, sender, settings, recipients, now, Ess.none());
  }

  public ComposeRequest withEss(Ess choices) {
    return new ComposeRequest(sign, encrypt, opaque, continueEncryption, sender, settings, recipients, now, choices);
  }

  /**
   * The person's ESS choices (RFC 2634).
   *
   * @param receipt whether the person asks for a signed receipt
   * @param prepared the receipt request that goes out if one does (the person's, or RequestSecureReceipt's):
   *     made beforehand with a fresh content identifier, so that planning stays a pure function
   * @param label the security label the person chose
   */
  public record Ess(boolean receipt, Optional<ReceiptRequest> prepared, Optional<SecurityLabel> label) {
    public Ess {
      Objects.requireNonNull(prepared, "prepared");
      Objects.requireNonNull(label, "label");
      if (receipt && prepared.isEmpty()) {
        throw new IllegalArgumentException("a receipt is asked for without a request to send");
      }
    }

    public static Ess none() {
      return new Ess(false, Optional.empty(), Optional.empty());
    }
  }

  /** A request with the default settings for the sender's digital ID. */
  public ComposeRequest(boolean sign, boolean encrypt, boolean opaque, boolean continueEncryption,
      DigitalId sender, List<Recipient> recipients, Instant now) {
    this(sign, encrypt, opaque, continueEncryption, sender, SenderSettings.of(sender), recipients, now);
  }

  /** The recipients of a message's To, Cc and Bcc fields, each with its certificate among {@code known}. */
  public static List<Recipient> recipientsOf(byte[] message, List<X509Certificate> known) throws IOException {
    return AddressFields.recipients(new ByteArrayInputStream(message)).stream()
        .map(a -> Recipient.matching(a, known)).toList();
  }

  /** The addresses of the message's Bcc fields: recipients the others must not learn of. */
  public static List<String> blindOf(byte[] message) throws IOException {
    return AddressFields.addresses(new ByteArrayInputStream(message), List.of("Bcc"));
  }

  /**
   * One recipient of the message.
   *
   * @param certificate the certificate found for the address, if any
   * @param capabilities the content ciphers the recipient is known to read; empty when unknown
   */
  public record Recipient(String address, Optional<X509Certificate> certificate, Set<ContentCipher> capabilities) {
    public Recipient {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(certificate, "certificate");
      capabilities = Set.copyOf(capabilities);
    }

    /** A recipient whose capabilities are unknown, with the first of {@code known} that carries the address. */
    public static Recipient matching(String address, List<X509Certificate> known) {
      return new Recipient(address, known.stream().filter(c -> CertificateEmails.covers(c, address))
          .findFirst(), Set.of());
    }
  }
}
