package dev.signet.pki.internal;

import dev.signet.pki.CaException;
import dev.signet.pki.Generation;
import dev.signet.pki.CertificateProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Writes the CA's certificates: the root, the issuing CA (an S/MIME subordinate CA as the CA/B Forum
 * S/MIME BR 7.1.2.2 shape it), subscriber certificates in a mailbox-validated profile of the BR,
 * the delegated OCSP responder and the service's TLS certificate. Serials are 20 random octets.
 */
public final class CertificateMaker {
  /** S/MIME BR 6.3.2: no subscriber certificate is valid longer. */
  public static final Duration MAX_SUBSCRIBER_VALIDITY = Duration.ofDays(825);
  public static final Duration SUBSCRIBER_VALIDITY = Duration.ofDays(365);
  private static final Duration ROOT_VALIDITY = Duration.ofDays(20 * 365);
  private static final Duration ISSUING_VALIDITY = Duration.ofDays(10 * 365);
  private static final Duration TLS_VALIDITY = Duration.ofDays(397);
  public static final Duration OCSP_RESPONDER_VALIDITY = Duration.ofDays(30);
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final int SERIAL_OCTETS = 20;

  private final SecureRandom random;
  private final JcaX509ExtensionUtils extensions;

  public CertificateMaker(SecureRandom random) {
    this.random = random;
    try {
      this.extensions = new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-1 for key identifiers", e);
    }
  }

  public static KeyPair generate(String keyType, SecureRandom random) {
    try {
      KeyPairGenerator g;
      if (keyType.equals("ec-p384")) {
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"), random);
      } else {
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a " + keyType + " key", e);
    }
  }

  /** A positive serial of exactly 20 octets in DER: the first octet is 0x01 to 0x7f. */
  public BigInteger serial() {
    byte[] bytes = new byte[SERIAL_OCTETS];
    random.nextBytes(bytes);
    bytes[0] = (byte) ((bytes[0] & 0x7f) | 0x01);
    return new BigInteger(1, bytes);
  }

  /** The root of the CA named {@code name} (a DN with one CN): the same name with " Root" after the CN. */
  public CaKey root(String name, KeyPair keys, Instant now) {
    return new CaKey(keys.getPrivate(), rootCertificate(rootName(caName(name)), keys, now));
  }

  /** The issuing CA named {@code name}, under {@code root}. */
  public CaKey issuing(String name, KeyPair keys, CaKey root, CaUrls urls, Instant now) {
    return new CaKey(keys.getPrivate(), issuing(caName(name), keys.getPublic(), root, urls, now));
  }

  private static X500Name caName(String name) {
    X500Name dn;
    try {
      dn = X500Name.getInstance(new X500Principal(name).getEncoded());
    } catch (IllegalArgumentException e) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "not a distinguished name: " + name, e);
    }
    if (dn.getRDNs(BCStyle.CN).length != 1) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "the CA name needs one CN: " + name);
    }
    return dn;
  }

  private static X500Name rootName(X500Name issuing) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (RDN rdn : issuing.getRDNs()) {
      AttributeTypeAndValue first = rdn.getFirst();
      String value = IETFUtils.valueToString(first.getValue());
      b.addRDN(first.getType(), first.getType().equals(BCStyle.CN) ? value + " Root" : value);
    }
    return b.build();
  }

  private X509Certificate rootCertificate(X500Name subject, KeyPair keys, Instant now) {
    try {
      X509v3CertificateBuilder b = builder(subject, subject, keys.getPublic(), now, now.plus(ROOT_VALIDITY))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(b, keys.getPrivate());
    } catch (CertIOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The issuing CA: path length 0, for email protection only, under the BR's mailbox-validated
   * policies, pointing to the root's certificate and CRL (S/MIME BR 7.1.2.2).
   */
  private X509Certificate issuing(X500Name subject, PublicKey key, CaKey root, CaUrls urls, Instant now) {
    try {
      X509v3CertificateBuilder b = builder(issuerName(root), subject, key, now, now.plus(ISSUING_VALIDITY))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
          .addExtension(Extension.certificatePolicies, false, new CertificatePolicies(Arrays.stream(Generation.values())
              .map(g -> new PolicyInformation(new ASN1ObjectIdentifier(g.policyOid()))).toArray(PolicyInformation[]::new)))
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(root.certificate()))
          .addExtension(Extension.cRLDistributionPoints, false, distributionPoint(urls.rootCrl()))
          .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
              new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.rootCertificate()))));
      return sign(b, root.privateKey());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot make the issuing CA certificate", e);
    }
  }

  /**
   * A subscriber certificate in the mailbox-validated profile of {@code generation}, signed only once
   * its to-be-signed form breaks no {@link IssuanceRule} of that profile. A validity above the BR
   * maximum is refused, not shortened: the caller asked for something this CA may not issue.
   */
  public X509Certificate subscriber(String email, CertificateProfile profile, Generation generation, PublicKey key,
      CaKey issuing, CaUrls urls, Instant now, Duration validity) {
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_SUBSCRIBER_VALIDITY) > 0) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "a validity of " + validity.toDays()
          + " days is refused: the S/MIME Baseline Requirements allow 1 to " + MAX_SUBSCRIBER_VALIDITY.toDays());
    }
    X509v3CertificateBuilder b = subscriberDraft(email, profile, generation, key, issuing, urls, now, validity);
    ContentSigner signer = CaKey.signer(issuing.privateKey());
    List<String> violations = IssuanceRule.violations(
        IssuanceRule.mailboxValidated(email, profile, generation, issuing.certificate()), draft(b, signer));
    if (!violations.isEmpty()) {
      throw new CaException(CaException.Reason.LINT_FAILED, "refused before signing, the certificate for " + email
          + " would break " + String.join("; ", violations));
    }
    return sign(b, signer);
  }

  /**
   * The subscriber certificate as it will be signed: valid from five minutes ago (clocks differ) for
   * {@code validity} inclusive of both ends, but never beyond the issuing CA.
   */
  X509v3CertificateBuilder subscriberDraft(String email, CertificateProfile profile, Generation generation, PublicKey key,
      CaKey issuing, CaUrls urls, Instant now, Duration validity) {
    Instant notBefore = now.minus(BACKDATE);
    Instant notAfter = notBefore.plus(validity).minusSeconds(1);
    if (notAfter.isAfter(issuing.certificate().getNotAfter().toInstant())) {
      notAfter = issuing.certificate().getNotAfter().toInstant();
    }
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, email).build();
    try {
      return new JcaX509v3CertificateBuilder(issuerName(issuing), serial(), Date.from(notBefore), Date.from(notAfter),
          subject, key)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(profile, key)))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)))
          .addExtension(Extension.certificatePolicies, false,
              new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(generation.policyOid()))))
          .addExtension(Extension.authorityKeyIdentifier, false,
              extensions.createAuthorityKeyIdentifier(issuing.certificate()))
          .addExtension(Extension.cRLDistributionPoints, false, distributionPoint(urls.issuingCrl()))
          .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
              new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.ocsp())),
              new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.issuingCertificate()))}));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot make a subscriber certificate", e);
    }
  }

  /** The to-be-signed certificate {@code builder} makes when signed by {@code signer}: what the rules check. */
  static TBSCertificate draft(X509v3CertificateBuilder builder, ContentSigner signer) {
    return builder.build(new DraftSigner(signer.getAlgorithmIdentifier())).toASN1Structure().getTBSCertificate();
  }

  /** Signs nothing: it only names the algorithm, which is part of what is to be signed. */
  private record DraftSigner(AlgorithmIdentifier getAlgorithmIdentifier) implements ContentSigner {
    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public byte[] getSignature() {
      return new byte[0];
    }
  }

  /**
   * The delegated OCSP responder (RFC 6960 4.2.2.2): issued by the issuing CA for OCSP signing only,
   * with id-pkix-ocsp-nocheck, so it lives a short time instead of being checked itself.
   */
  public X509Certificate ocspResponder(PublicKey key, CaKey issuing, Instant now) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN,
        IETFUtils.valueToString(issuerName(issuing).getRDNs(BCStyle.CN)[0].getFirst().getValue()) + " OCSP Responder").build();
    try {
      X509v3CertificateBuilder b = builder(issuerName(issuing), subject, key, now, now.plus(OCSP_RESPONDER_VALIDITY))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
          .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuing.certificate()));
      return sign(b, issuing.privateKey());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot make the OCSP responder certificate", e);
    }
  }

  /** The service's TLS server certificate, issued by the root (the issuing CA is for email only). */
  public X509Certificate tls(List<String> hostNames, PublicKey key, CaKey root, Instant now) {
    GeneralName[] names = hostNames.stream().map(CertificateMaker::hostName).toArray(GeneralName[]::new);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostNames.get(0)).build();
    try {
      X509v3CertificateBuilder b = builder(issuerName(root), subject, key, now, now.plus(TLS_VALIDITY))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(key instanceof ECKey ? KeyUsage.digitalSignature
              : KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(root.certificate()));
      return sign(b, root.privateKey());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot make the TLS certificate", e);
    }
  }

  private static GeneralName hostName(String host) {
    return host.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, ipAddress(host))
        : new GeneralName(GeneralName.dNSName, host);
  }

  private static String ipAddress(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (IOException e) {
      throw new IllegalArgumentException("not an IP address: " + host, e);
    }
  }

  /** As the key's family has it in the profile; a key of no known family is refused by the lint. */
  private static int keyUsage(CertificateProfile profile, PublicKey key) {
    return KeyFamily.of(key).orElse(KeyFamily.RSA).keyUsage(profile);
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant now, Instant notAfter) {
    return new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(now.minus(BACKDATE)), Date.from(notAfter),
        subject, key);
  }

  private static X500Name issuerName(CaKey ca) {
    return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
  }

  private static CRLDistPoint distributionPoint(String url) {
    return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
        new DistributionPointName(new GeneralNames(uri(url))), null, null)});
  }

  private static GeneralName uri(String url) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, url);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    return sign(builder, CaKey.signer(signer));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, ContentSigner signer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read back a certificate just made", e);
    }
  }
}
