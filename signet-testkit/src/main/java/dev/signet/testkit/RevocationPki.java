package dev.signet.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root CA (EC P-256) and one signer it issued whose certificate points at a {@link
 * RevocationServer}: CRL distribution point {@code /crl}, freshest CRL {@code /delta}, OCSP
 * {@code /ocsp}. Builds the CRLs, delta CRLs and OCSP responses a test serves there.
 */
public final class RevocationPki {
  /** Who signs an OCSP response and whether it echoes the request's nonce. */
  public enum OcspSigner {
    ISSUER,
    DELEGATED_RESPONDER,
    STRANGER
  }

  private static final AtomicLong SERIALS = new AtomicLong(0x0c5b0000L);
  private final Instant now = Instant.now();
  private final KeyPair caKeys;
  private final X509Certificate root;
  private final KeyPair signerKeys;
  private final X509Certificate signer;
  private final KeyPair responderKeys;
  private final X509Certificate responder;
  private final KeyPair strangerKeys;
  private final AtomicLong crlNumbers = new AtomicLong(1);

  public RevocationPki(RevocationServer server, String email) {
    try {
      caKeys = ec();
      X500Name caName = new X500Name("CN=Signet Revocation Test CA,O=Signet Test PKI");
      root = sign(ca(caName), caKeys.getPrivate());
      signerKeys = ec();
      signer = sign(signerCertificate(caName, email, server), caKeys.getPrivate());
      responderKeys = ec();
      responder = sign(ocspResponder(caName), caKeys.getPrivate());
      strangerKeys = ec();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the revocation test PKI", e);
    }
  }

  public X509Certificate root() {
    return root;
  }

  public X509Certificate signerCertificate() {
    return signer;
  }

  public PrivateKey signerKey() {
    return signerKeys.getPrivate();
  }

  /** The signer's chain, end entity first. */
  public List<X509Certificate> signerChain() {
    return List.of(signer, root);
  }

  /** A complete CRL valid from an hour ago for {@code validFor} (negative: already out of date). */
  public byte[] crl(Duration validFor, BigInteger... revoked) {
    return crl(validFor, null, revoked);
  }

  /** A delta CRL on top of the last complete CRL made; serials listed are revoked (keyCompromise). */
  public byte[] deltaCrl(long baseNumber, BigInteger... revoked) {
    return crl(Duration.ofHours(1), baseNumber, revoked);
  }

  /** The number the last CRL made carries. */
  public long lastCrlNumber() {
    return crlNumbers.get() - 1;
  }

  private byte[] crl(Duration validFor, Long deltaOf, BigInteger... revoked) {
    try {
      Instant nextUpdate = now.plus(validFor);
      Instant thisUpdate = (validFor.isNegative() ? nextUpdate : now).minus(Duration.ofHours(1));
      X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(root).getSubject(), Date.from(thisUpdate));
      b.setNextUpdate(Date.from(nextUpdate));
      b.addExtension(Extension.cRLNumber, false, new ASN1Integer(crlNumbers.getAndIncrement()));
      if (deltaOf != null) {
        b.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(deltaOf));
      }
      for (BigInteger serial : revoked) {
        b.addCRLEntry(serial, Date.from(now.minusSeconds(1800)), CRLReason.keyCompromise);
      }
      return b.build(signer(caKeys.getPrivate())).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build a CRL", e);
    }
  }

  /**
   * The OCSP response to {@code request}: good, or revoked half an hour ago, signed as {@code by}
   * says; the nonce is echoed unless {@code wrongNonce}.
   */
  public byte[] ocspResponse(byte[] request, boolean revoked, OcspSigner by, boolean wrongNonce) {
    try {
      OCSPReq req = new OCSPReq(request);
      KeyPair keys = by == OcspSigner.ISSUER ? caKeys : by == OcspSigner.DELEGATED_RESPONDER ? responderKeys : strangerKeys;
      var b = new BasicOCSPRespBuilder(new RespID(new JcaX509CertificateHolder(
          by == OcspSigner.DELEGATED_RESPONDER ? responder : root).getSubject()));
      CertificateStatus status = revoked ? new RevokedStatus(Date.from(now.minusSeconds(1800)), CRLReason.keyCompromise)
          : CertificateStatus.GOOD;
      for (Req one : req.getRequestList()) {
        b.addResponse(one.getCertID(), status, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), null);
      }
      b.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce(req, wrongNonce)));
      X509CertificateHolder[] chain = by == OcspSigner.DELEGATED_RESPONDER
          ? new X509CertificateHolder[] {new JcaX509CertificateHolder(responder)} : null;
      var basic = b.build(signer(keys.getPrivate()), chain, Date.from(now));
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    } catch (IOException | OCSPException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an OCSP response", e);
    }
  }

  private static Extension nonce(OCSPReq req, boolean wrong) throws IOException {
    Extension asked = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    byte[] value = wrong || asked == null ? new DEROctetString(new byte[16]).getEncoded()
        : asked.getExtnValue().getOctets();
    return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, value);
  }

  // ---------------------------------------------------------------------------------------------

  private X509v3CertificateBuilder ca(X500Name name) throws IOException {
    X509v3CertificateBuilder b = builder(name, name, caKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return b;
  }

  private X509v3CertificateBuilder signerCertificate(X500Name issuer, String email, RevocationServer server)
      throws IOException {
    X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + email + ",O=Signet Test PKI"),
        signerKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    // Dual use, as most S/MIME certificates: a recipient's certificate is looked up and checked too.
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    b.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(server.url("/crl")));
    b.addExtension(Extension.freshestCRL, false, distributionPoint(server.url("/delta")));
    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
        new GeneralName(GeneralName.uniformResourceIdentifier, server.url("/ocsp").toString())));
    return b;
  }

  private X509v3CertificateBuilder ocspResponder(X500Name issuer) throws IOException {
    X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=Signet Test OCSP Responder,O=Signet Test PKI"),
        responderKeys.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
    return b;
  }

  private static CRLDistPoint distributionPoint(URI url) {
    return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url.toString()))), null, null)});
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
