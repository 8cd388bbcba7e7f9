package dev.signet.core.attacks;

import dev.signet.core.DigitalId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** CMS structures an attacker shapes by hand, built with Bouncy Castle in the test. */
final class Cms {
  private Cms() {}

  /** A detached SignedData over {@code content} by each signer, with {@code extra} signed attributes. */
  static byte[] detached(byte[] content, List<DigitalId> signers, AttributeTable extra) {
    return signedData(content, signers, extra, false);
  }

  /** A SignedData that carries {@code content} inside it (eContent). */
  static byte[] embedding(byte[] content, DigitalId signer) {
    return signedData(content, List.of(signer), new AttributeTable(new java.util.Hashtable<>()), true);
  }

  /** A certificates-only SignedData: no signerInfos at all. */
  static byte[] withoutSigners(DigitalId holder) {
    return signedData(new byte[0], List.of(), new AttributeTable(new java.util.Hashtable<>()), false, holder);
  }

  /** The signerInfos of two SignedData joined into one, with the certificates of both. */
  static byte[] joined(byte[] first, byte[] second) {
    try {
      CMSSignedData a = new CMSSignedData(first);
      CMSSignedData b = new CMSSignedData(second);
      List<SignerInformation> all = new ArrayList<>(a.getSignerInfos().getSigners());
      all.addAll(b.getSignerInfos().getSigners());
      var certs = new ArrayList<>(a.getCertificates().getMatches(null));
      certs.addAll(b.getCertificates().getMatches(null));
      CMSSignedData both = CMSSignedData.replaceSigners(a, new SignerInformationStore(all));
      return CMSSignedData.replaceCertificatesAndCRLs(both, new org.bouncycastle.util.CollectionStore<>(certs),
          null, null).getEncoded();
    } catch (CMSException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signed content-type attribute naming SignedData, whatever the content really is. */
  static AttributeTable contentTypeClaimingSignedData() {
    Attribute claim = new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.signedData));
    return new AttributeTable(claim);
  }

  static AttributeTable noExtraAttributes() {
    return new AttributeTable(new java.util.Hashtable<>());
  }

  /** A multipart/signed entity with {@code entity} as its content and {@code signature} as its second part. */
  static String clearSigned(String entity, byte[] signature) {
    return "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;"
        + " boundary=\"SIG\"\r\n\r\n--SIG\r\n" + entity + "\r\n--SIG\r\n"
        + "Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signature)
        + "\r\n--SIG--\r\n";
  }

  /**
   * A digital ID whose self-signed certificate carries the given key usage and extended key usage
   * (null for none), to sign with a certificate unfit for mail.
   */
  static DigitalId idWithUsage(String email, int keyUsage, KeyPurposeId extendedUsage) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = gen.generateKeyPair();
      X500Name name = new X500Name("CN=" + email);
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      if (extendedUsage != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedUsage));
      }
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return DigitalId.of(pair.getPrivate(), List.of(cert));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] signedData(byte[] content, List<DigitalId> signers, AttributeTable extra, boolean embed,
      DigitalId... certificatesOnly) {
    try {
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      List<X509Certificate> certs = new ArrayList<>();
      for (DigitalId id : signers) {
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(extra))
            .build(new JcaContentSignerBuilder(algorithm(id)).build(id.privateKey()), id.certificate()));
        certs.add(id.certificate());
      }
      for (DigitalId id : certificatesOnly) {
        certs.add(id.certificate());
      }
      gen.addCertificates(new JcaCertStore(certs));
      return gen.generate(new CMSProcessableByteArray(content), embed).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String algorithm(DigitalId id) {
    return id.privateKey().getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
  }
}
