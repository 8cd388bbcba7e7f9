package dev.signet.pki.internal;

import dev.signet.core.Certificates;
import dev.signet.pki.CaException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PrivateKeyPossessionStatement;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A PKCS#10 request that passed the CA's checks: well formed, signed by the key it carries (proof of
 * possession), a strong enough key, and the mailboxes it asks for. Everything else in it (subject,
 * other names, other extensions) is ignored: the CA writes the certificate from its profile.
 *
 * <p>An ML-KEM key cannot sign its own request. As RFC 9883 has it, such a request is signed instead
 * with the key of the person's signing certificate, which its statementOfPossession attribute names
 * (issuer and serial, and the certificate itself); the CA accepts it only when that certificate is one
 * of its own, valid, unrevoked, for signing and for the same mailbox, and the signature verifies with it.
 *
 * @param signedWith the signing certificate that vouched for a key that cannot sign, if one did
 */
public record CertificateRequest(PublicKey publicKey, List<String> emails, Optional<X509Certificate> signedWith) {
  /** RFC 9883: id-at-statementOfPossession, the attribute naming the certificate whose key signed the request. */
  public static final ASN1ObjectIdentifier STATEMENT_OF_POSSESSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.22112.2.1");
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(SECObjectIdentifiers.secp256r1, "P-256",
      SECObjectIdentifiers.secp384r1, "P-384", SECObjectIdentifiers.secp521r1, "P-521");
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_RSA_BITS = 8192;
  private static final int MAX_BYTES = 64 * 1024;

  public CertificateRequest {
    emails = List.copyOf(emails);
    Objects.requireNonNull(signedWith, "signedWith");
  }

  /** How the CA finds a certificate a request names by issuer and serial: one of its own that may vouch for a key. */
  @FunctionalInterface
  public interface SigningCertificates {
    /** The certificate, if this CA issued it and it is valid now, unrevoked and for signing. */
    Optional<X509Certificate> find(X500Principal issuer, BigInteger serial);
  }

  public static CertificateRequest parse(byte[] input, SigningCertificates signers) {
    if (input.length > MAX_BYTES) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "the certificate request is larger than 64 KiB");
    }
    PKCS10CertificationRequest csr;
    try {
      csr = new PKCS10CertificationRequest(Pem.der(input, "certificate request"));
    } catch (IOException | RuntimeException e) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "not a PKCS#10 certificate request", e);
    }
    PublicKey key = publicKey(csr);
    List<String> emails = emails(csr);
    if (KeyFamily.of(csr.getSubjectPublicKeyInfo()).map(KeyFamily::signs).orElse(true)) {
      checkSignature(csr, csr.getSubjectPublicKeyInfo());
      return new CertificateRequest(key, emails, Optional.empty());
    }
    X509Certificate signer = vouching(csr, signers);
    checkSignature(csr, SubjectPublicKeyInfo.getInstance(signer.getPublicKey().getEncoded()));
    List<String> signersMailboxes = Certificates.emails(signer).stream().map(Mailbox::normalize).toList();
    if (!signersMailboxes.equals(emails)) {
      throw new CaException(CaException.Reason.WRONG_ADDRESS, "the signing certificate is for " + signersMailboxes
          + " but the request names " + emails);
    }
    return new CertificateRequest(key, emails, Optional.of(signer));
  }

  /** The signing certificate a request for a key that cannot sign names in its statement of possession. */
  private static X509Certificate vouching(PKCS10CertificationRequest csr, SigningCertificates signers) {
    Attribute[] statements = csr.getAttributes(STATEMENT_OF_POSSESSION);
    if (statements.length != 1 || statements[0].getAttrValues().size() != 1) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "an ML-KEM key cannot sign its request: sign it with "
          + "your signing certificate's key and name that certificate (RFC 9883 statement of possession)");
    }
    PrivateKeyPossessionStatement statement;
    X500Principal issuer;
    try {
      statement = PrivateKeyPossessionStatement.getInstance(statements[0].getAttrValues().getObjectAt(0));
      issuer = new X500Principal(statement.getSigner().getName().getEncoded());
    } catch (IOException | RuntimeException e) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "the statement of possession cannot be read", e);
    }
    X509Certificate found = signers.find(issuer, statement.getSigner().getCertificateSerialNumber().getValue())
        .orElseThrow(() -> new CaException(CaException.Reason.NOT_AUTHORIZED, "the request is signed with a "
            + "certificate that is not a valid, unrevoked signing certificate of this CA"));
    try {
      if (statement.getCert() != null && !Arrays.equals(statement.getCert().getEncoded(), found.getEncoded())) {
        throw new CaException(CaException.Reason.BAD_REQUEST, "the statement of possession holds another certificate"
            + " than the one it names");
      }
    } catch (IOException | CertificateEncodingException e) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "the statement of possession cannot be read", e);
    }
    return found;
  }

  /** The one mailbox of the request; a request for none or several is refused. */
  public String mailbox() {
    if (emails.size() != 1) {
      throw new CaException(CaException.Reason.BAD_REQUEST, emails.isEmpty()
          ? "the certificate request names no email address (rfc822Name or emailAddress)"
          : "the certificate request names several email addresses: " + emails);
    }
    return emails.get(0);
  }

  private static PublicKey publicKey(PKCS10CertificationRequest csr) {
    PublicKey key;
    try {
      key = new JcaPEMKeyConverter().setProvider(BC).getPublicKey(csr.getSubjectPublicKeyInfo());
    } catch (IOException | RuntimeException e) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "the request's public key cannot be read", e);
    }
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS || bits % 8 != 0) {
        throw new CaException(CaException.Reason.WEAK_KEY,
            "an RSA key of " + bits + " bits is refused (2048 to 8192, a multiple of 8)");
      }
      return key;
    }
    if (key instanceof ECPublicKey) {
      String curve = curveName(csr);
      if (!CURVES.containsValue(curve)) {
        throw new CaException(CaException.Reason.WEAK_KEY, "an EC key on " + curve + " is refused (P-256, P-384, P-521)");
      }
      return key;
    }
    if (KeyFamily.PARAMETER_SETS.containsKey(csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm())) {
      return key;
    }
    throw new CaException(CaException.Reason.WEAK_KEY, "a " + key.getAlgorithm() + " key is refused (RSA, EC P-256+,"
        + " ML-DSA or ML-KEM)");
  }

  private static String curveName(PKCS10CertificationRequest csr) {
    ASN1Encodable parameters = csr.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
    if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
      return "explicit parameters";
    }
    return CURVES.getOrDefault(oid, Optional.ofNullable(ECNamedCurveTable.getName(oid)).orElse(oid.getId()));
  }

  private static void checkSignature(PKCS10CertificationRequest csr, SubjectPublicKeyInfo signer) {
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(signer))) {
        throw new CaException(CaException.Reason.BAD_REQUEST, "the request's signature does not verify (no proof of possession)");
      }
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      if (e instanceof CaException c) {
        throw c;
      }
      throw new CaException(CaException.Reason.BAD_REQUEST, "the request's signature cannot be checked", e);
    }
  }

  private static List<String> emails(PKCS10CertificationRequest csr) {
    List<String> found = new ArrayList<>();
    requestedNames(csr).ifPresent(names -> {
      for (GeneralName n : names.getNames()) {
        if (n.getTagNo() == GeneralName.rfc822Name) {
          found.add(Mailbox.normalize(n.getName().toString()));
        }
      }
    });
    if (found.isEmpty()) {
      for (RDN rdn : csr.getSubject().getRDNs(BCStyle.EmailAddress)) {
        found.add(Mailbox.normalize(Mailbox.attributeText(rdn.getFirst().getValue())));
      }
    }
    return found.stream().distinct().toList();
  }

  private static Optional<GeneralNames> requestedNames(PKCS10CertificationRequest csr) {
    for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (names != null) {
        return Optional.of(names);
      }
    }
    return Optional.empty();
  }
}
