package dev.signet.core;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was found about one signer of one signed layer.
 *
 * @param emails the addresses the signer's certificate carries (SAN rfc822Name, then emailAddress)
 * @param serial the certificate's serial number in hex
 * @param role whether this signer signed the content or counter-signed another signature
 * @param certificate the signer's certificate, when the message or the caller supplied it
 * @param capabilities the content ciphers the signer's S/MIME capabilities attribute lists that we know,
 *     in the signer's order of preference; empty when it has none
 * @param receiptRequest the signer's signed-receipt request, if its signed attributes carry one
 * @param securityLabel the security label among the signer's signed attributes, if any
 * @param encryptionCertificate for a signer whose signature holds, the certificate its signed
 *     SMIMEEncryptionKeyPreference attribute names (RFC 8551 section 2.5.3), when the message carried
 *     it (or it is the signer's own); empty otherwise
 */
public record SignerReport(
    List<String> emails,
    String subject,
    String issuer,
    String serial,
    boolean signatureValid,
    Trust trust,
    Revocation revocation,
    Optional<Instant> signingTime,
    String digestAlgorithm,
    String signatureAlgorithm,
    Role role,
    Optional<X509Certificate> certificate,
    List<ContentCipher> capabilities,
    Optional<SignedReceiptRequest> receiptRequest,
    Optional<SecurityLabel> securityLabel,
    Optional<EncryptionCertificate> encryptionCertificate) {

  /** What the signer signed: the content, or another signer's signature (RFC 5652 section 11.4). */
  public enum Role {
    CONTENT,
    COUNTER_SIGNATURE
  }

  /** Whether the signer's certificate chains to a trust anchor. */
  public enum Trust {
    TRUSTED,
    UNTRUSTED
  }

  /** The revocation status of the signer's certificate. */
  public enum Revocation {
    GOOD,
    REVOKED,
    UNKNOWN
  }

  /**
   * The certificate a signer asks to be sent encrypted mail with, as judged when it was read.
   *
   * @param trust TRUSTED only when it chains to the very trust anchor the signer's certificate chains to
   *     and its path holds at the time of reading; UNTRUSTED whenever the signer is
   * @param revocation its revocation status, when it was judged; the signer's when it is the signer's certificate
   */
  public record EncryptionCertificate(X509Certificate certificate, Trust trust, Revocation revocation) {
    public EncryptionCertificate {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(trust, "trust");
      Objects.requireNonNull(revocation, "revocation");
    }
  }

  public SignerReport {
    emails = List.copyOf(emails);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(revocation, "revocation");
    Objects.requireNonNull(signingTime, "signingTime");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(receiptRequest, "receiptRequest");
    Objects.requireNonNull(securityLabel, "securityLabel");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
    capabilities = List.copyOf(capabilities);
  }

  /** The first address of the certificate, the one a person would be shown. */
  public Optional<String> email() {
    return emails.stream().findFirst();
  }
}
