package dev.signet.core.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.SignOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;

/** The signed attributes we put on a message's signature. */
final class SigningAttributes {
  private SigningAttributes() {}

  /**
   * Signing time, our S/MIME capabilities (the preferred cipher first, then the strongest; then the KEMs we
   * decrypt), signing-certificate-v2, and what the options ask for: encryption-key preference, receipt
   * request, security label.
   */
  static AttributeTable of(SignOptions options, Instant signingTime) throws GeneralSecurityException {
    X509Certificate cert = options.signer().certificate();
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
    attrs.add(new SMIMECapabilitiesAttribute(capabilityVector(options.preferredCipher())));
    attrs.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificate(cert))));
    options.encryptionKeyPreference().ifPresent(c -> attrs.add(new SMIMEEncryptionKeyPreferenceAttribute(
        new IssuerAndSerialNumber(X500Name.getInstance(c.getIssuerX500Principal().getEncoded()), c.getSerialNumber()))));
    options.receiptRequest().ifPresent(r -> attrs.add(derAttribute(EssEncoding.RECEIPT_REQUEST, EssEncoding.der(r))));
    options.securityLabel().ifPresent(l -> attrs.add(derAttribute(EssEncoding.SECURITY_LABEL, EssEncoding.der(l))));
    return new AttributeTable(attrs);
  }

  private static SMIMECapabilityVector capabilityVector(Optional<ContentCipher> preferred) {
    SMIMECapabilityVector caps = new SMIMECapabilityVector();
    capabilities(preferred).forEach(c -> caps.addCapability(new ASN1ObjectIdentifier(c.oid())));
    // ML-KEM recipients (RFC 9936: the algorithm identifier, parameters absent), strongest first
    caps.addCapability(NISTObjectIdentifiers.id_alg_ml_kem_1024);
    caps.addCapability(NISTObjectIdentifiers.id_alg_ml_kem_768);
    caps.addCapability(NISTObjectIdentifiers.id_alg_ml_kem_512);
    return caps;
  }

  /** The ciphers we write, in our order of preference: {@code preferred} first, then the strongest first. */
  static List<ContentCipher> capabilities(Optional<ContentCipher> preferred) {
    List<ContentCipher> order = new ArrayList<>();
    preferred.ifPresent(order::add);
    for (ContentCipher c : List.of(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM, ContentCipher.AES_256_CBC,
        ContentCipher.AES_128_CBC)) {
      if (!order.contains(c)) {
        order.add(c);
      }
    }
    return order;
  }

  private static SigningCertificateV2 signingCertificate(X509Certificate cert) throws GeneralSecurityException {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    IssuerSerial issuerSerial = new IssuerSerial(
        new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
        cert.getSerialNumber());
    return new SigningCertificateV2(new ESSCertIDv2(hash, issuerSerial));
  }

  private static Attribute derAttribute(ASN1ObjectIdentifier type, byte[] der) {
    try {
      return new Attribute(type, new DERSet(ASN1Primitive.fromByteArray(der)));
    } catch (IOException e) {
      throw new IllegalStateException("our own encoding does not parse", e);
    }
  }
}
