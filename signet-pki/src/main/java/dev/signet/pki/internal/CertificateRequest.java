package dev.signet.pki.internal;

import dev.signet.pki.CaException;
import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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
 */
public record CertificateRequest(PublicKey publicKey, List<String> emails) {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(SECObjectIdentifiers.secp256r1, "P-256",
      SECObjectIdentifiers.secp384r1, "P-384", SECObjectIdentifiers.secp521r1, "P-521");
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_RSA_BITS = 8192;
  private static final int MAX_BYTES = 64 * 1024;

  public CertificateRequest {
    emails = List.copyOf(emails);
  }

  public static CertificateRequest parse(byte[] input) {
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
    checkSignature(csr);
    return new CertificateRequest(key, emails(csr));
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
    throw new CaException(CaException.Reason.WEAK_KEY, "a " + key.getAlgorithm() + " key is refused (RSA or EC P-256+)");
  }

  private static String curveName(PKCS10CertificationRequest csr) {
    ASN1Encodable parameters = csr.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
    if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
      return "explicit parameters";
    }
    return CURVES.getOrDefault(oid, Optional.ofNullable(ECNamedCurveTable.getName(oid)).orElse(oid.getId()));
  }

  private static void checkSignature(PKCS10CertificationRequest csr) {
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(csr.getSubjectPublicKeyInfo()))) {
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
        found.add(Mailbox.normalize(IETFUtils.valueToString(rdn.getFirst().getValue())));
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
