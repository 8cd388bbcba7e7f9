package dev.signet.core;

import dev.signet.core.internal.CertificateEmails;
import dev.signet.core.internal.ErrorText;
import dev.signet.core.internal.PostQuantum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** Reading certificates and CRLs (PEM, one or several, or DER), and what a certificate says. */
public final class Certificates {
  /**
   * The attribute types of names in S/MIME certificates that RFC 4514 has no keyword for, by the names
   * OpenSSL gives them: without one, Java writes the value as hexadecimal DER ({@code
   * 1.2.840.113549.1.9.1=#1611616c696365...} for an e-mail address).
   */
  private static final Map<String, String> KEYWORDS = Map.ofEntries(
      Map.entry("1.2.840.113549.1.9.1", "emailAddress"), Map.entry("2.5.4.5", "serialNumber"),
      Map.entry("2.5.4.4", "surname"), Map.entry("2.5.4.42", "givenName"), Map.entry("2.5.4.43", "initials"),
      Map.entry("2.5.4.44", "generationQualifier"), Map.entry("2.5.4.12", "title"),
      Map.entry("2.5.4.46", "dnQualifier"), Map.entry("2.5.4.65", "pseudonym"),
      Map.entry("2.5.4.97", "organizationIdentifier"), Map.entry("2.5.4.15", "businessCategory"),
      Map.entry("2.5.4.17", "postalCode"));

  private Certificates() {}

  /**
   * A certificate's subject or issuer as people read it: RFC 4514's order and escaping, with the attributes
   * it has no keyword for named as OpenSSL names them ({@code emailAddress=alice@example.org,CN=Alice}).
   */
  public static String name(X500Principal principal) {
    return principal.getName(X500Principal.RFC2253, KEYWORDS);
  }

  /** A certificate's subject as people read it, as every report, problem and message names it. */
  public static String subject(X509Certificate cert) {
    return name(cert.getSubjectX500Principal());
  }

  /** A certificate's issuer as people read it. */
  public static String issuer(X509Certificate cert) {
    return name(cert.getIssuerX500Principal());
  }

  /** Every certificate in a PEM or DER input; at least one. */
  public static List<X509Certificate> read(InputStream in) throws IOException {
    return parse(in, "certificate", (f, s) -> f.generateCertificates(s));
  }

  /** Every CRL in a PEM or DER input; at least one. */
  public static List<X509CRL> readCrls(InputStream in) throws IOException {
    return parse(in, "CRL", (f, s) -> f.generateCRLs(s));
  }

  private interface Parser {
    Collection<?> parse(CertificateFactory factory, InputStream in) throws GeneralSecurityException;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> parse(InputStream in, String what, Parser parser) throws IOException {
    byte[] bytes = in.readAllBytes();
    List<T> found;
    try {
      found = new ArrayList<>((Collection<T>) parser.parse(factory(), new ByteArrayInputStream(bytes)));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new MalformedInputException("not a " + what + " (PEM or DER): " + reason(e), e);
    }
    if (found.isEmpty()) {
      throw new MalformedInputException("no " + what + " found");
    }
    return found;
  }

  /** The email addresses a certificate carries: SAN rfc822Name first, then emailAddress in the subject. */
  public static List<String> emails(X509Certificate cert) {
    return CertificateEmails.of(cert);
  }

  /** A certificate as PEM, lines of 64 characters. */
  public static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    }
  }

  /** Whether the certificate carries {@code address}: the local part exactly, the domain in any case. */
  public static boolean carries(X509Certificate cert, String address) {
    return CertificateEmails.covers(cert, address);
  }

  /**
   * Whether {@code cert} certifies {@code key}. Compared as Bouncy Castle encodes both: the JDK 17
   * re-encodes a post-quantum key it cannot use, with parameters the certificate does not have.
   */
  public static boolean certifies(X509Certificate cert, PublicKey key) {
    return Arrays.equals(PostQuantum.usable(cert.getPublicKey()).getEncoded(), PostQuantum.usable(key).getEncoded());
  }

  /**
   * The certificate to encrypt to among a person's: an ML-KEM one first, so that whoever can receive
   * post-quantum protected mail gets it; else the first whose key usage allows encryption (key
   * encipherment or key agreement) or that has no key usage.
   */
  public static Optional<X509Certificate> forEncryption(List<X509Certificate> certificates) {
    List<X509Certificate> encrypting = certificates.stream().filter(Certificates::encrypts).toList();
    return encrypting.stream().filter(c -> PostQuantum.of(c.getPublicKey()).equals(Optional.of(PostQuantum.ML_KEM)))
        .findFirst().or(() -> encrypting.stream().findFirst());
  }

  /** Whether the certificate's key may encrypt: key encipherment or key agreement, or no key usage at all. */
  public static boolean encrypts(X509Certificate cert) {
    return CertificatePurpose.of(cert).encrypts();
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }

  private static String reason(Exception e) {
    // The JDK's messages may quote a nested exception ("Unable to initialize, java.io.EOFException: ...").
    return ErrorText.of(e);
  }
}
