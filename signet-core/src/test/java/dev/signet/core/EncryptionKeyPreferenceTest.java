package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.RecipientKeyIdentifier;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signer whose encryption certificate is not its signing certificate (RFC 8551 section 2.5.3): the
 * signature carries the certificate its SMIMEEncryptionKeyPreference names, and the reader reports it.
 */
class EncryptionKeyPreferenceTest {
  static final TestPki PKI = TestPki.get();
  static final TestPki.Identity SIGNING = PKI.identity(KeyKind.RSA_2048);
  /** Key agreement only, from the same intermediate CA. */
  static final TestPki.Identity ENCRYPTION = PKI.identity(KeyKind.X25519);
  static final DigitalId SIGNER = DigitalId.of(SIGNING.privateKey(), SIGNING.chain());
  @TempDir Path dir;

  // ---------------------------------------------------------------------------------------------
  // What the signature carries

  @Test
  void opensslFindsTheEncryptionCertificateBesideTheSignersChainAndNoRoot() throws IOException {
    ExternalTool.OPENSSL.require();
    byte[] signed = sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(ENCRYPTION.chain()));

    String certs = printCerts(signed);

    assertThat(certs).contains("subject=CN = Signet Test RSA2048").contains("subject=CN = Signet Test X25519");
    assertThat(certs.split("subject=CN = Signet Test Intermediate CA", -1)).as(certs).hasSize(2);
    assertThat(certs).doesNotContain("subject=CN = Signet Test Root CA");
  }

  @Test
  void opensslVerifiesTheSignatureAndNamesOnlyTheSignerAsSigner() throws IOException {
    ExternalTool.OPENSSL.require();
    byte[] signed = sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(ENCRYPTION.certificate()));
    Path message = Files.write(dir.resolve("signed.eml"), signed);
    Path root = TestPki.writeCertificatesPem(dir.resolve("root.pem"), PKI.anchors());
    Path signerOut = dir.resolve("signer.pem");

    ProcessRunner.Result verify = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify",
        "-in", message.toString(), "-CAfile", root.toString(), "-purpose", "any", "-signer", signerOut.toString(),
        "-out", "/dev/null"));

    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(Certificates.read(Files.newInputStream(signerOut))).containsExactly(SIGNING.certificate());
    assertThat(printCerts(signed)).contains("subject=CN = Signet Test X25519");
  }

  @Test
  void theIssuersOfAnEncryptionCertificateFromAnotherCaTravelWithoutTheirRoot() throws IOException {
    ExternalTool.OPENSSL.require();
    OtherCa other = OtherCa.make();
    byte[] signed = sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(other.chain()));

    String certs = printCerts(signed);

    assertThat(certs).contains("subject=CN = Other Encryption").contains("subject=CN = Other Intermediate")
        .doesNotContain("subject=CN = Other Root").contains("subject=CN = Signet Test RSA2048");
  }

  @Test
  void noCertificateTravelsWhenCertificatesAreNotSent() throws IOException {
    byte[] signed = sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(ENCRYPTION.chain())
        .withCertificates(false));

    assertThat(carried(signed)).isEmpty();
  }

  @Test
  void theSignersOwnCertificateAsPreferenceAddsNothing() throws IOException {
    byte[] signed = sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(SIGNING.certificate()));

    assertThat(carried(signed)).containsExactlyInAnyOrder(SIGNING.certificate(), PKI.intermediate());
  }

  @Test
  void theChainMustStartWithThePreferredCertificate() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignOptions(SIGNER, DigestAlgorithm.SHA_256,
        SignatureScheme.RSA_PKCS1_V1_5, Layer.SignedFormat.CLEAR, true, java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.of(SIGNING.certificate()), ENCRYPTION.chain(),
        java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // What the reader reports

  @Test
  void aTrustedSignerReportsTheCarriedEncryptionCertificateAsTrusted() throws IOException {
    SignerReport signer = onlySigner(read(sign(SignOptions.defaults(SIGNER)
        .withEncryptionKeyPreference(ENCRYPTION.certificate())), PKI.anchors(), List.of()));

    assertThat(signer.trust()).isEqualTo(SignerReport.Trust.TRUSTED);
    assertThat(signer.encryptionCertificate()).hasValueSatisfying(e -> {
      assertThat(e.certificate()).isEqualTo(ENCRYPTION.certificate());
      assertThat(e.trust()).isEqualTo(SignerReport.Trust.TRUSTED);
    });
  }

  @Test
  void theEncryptionCertificateAddsNoProblemToTheMessage() throws IOException {
    SecurityReport with = read(sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(ENCRYPTION.certificate())),
        PKI.anchors(), List.of());
    SecurityReport without = read(sign(SignOptions.defaults(SIGNER)), PKI.anchors(), List.of());

    assertThat(with.verdict()).isEqualTo(Verdict.VALID);
    assertThat(with.problems()).extracting(Problem::code)
        .containsExactlyElementsOf(without.problems().stream().map(Problem::code).toList());
  }

  @Test
  void anUntrustedSignersEncryptionCertificateIsUntrusted() throws IOException {
    SignerReport signer = onlySigner(read(sign(SignOptions.defaults(SIGNER)
        .withEncryptionKeyPreference(ENCRYPTION.certificate())), List.of(), List.of()));

    assertThat(signer.trust()).isEqualTo(SignerReport.Trust.UNTRUSTED);
    assertThat(signer.encryptionCertificate()).hasValueSatisfying(
        e -> assertThat(e.trust()).isEqualTo(SignerReport.Trust.UNTRUSTED));
  }

  @Test
  void anEncryptionCertificateUnderAnotherTrustedRootIsUntrusted() throws IOException {
    OtherCa other = OtherCa.make();
    List<X509Certificate> bothRoots = List.of(PKI.root(), other.root());

    SignerReport signer = onlySigner(read(sign(SignOptions.defaults(SIGNER)
        .withEncryptionKeyPreference(other.chain())), bothRoots, List.of()));

    assertThat(signer.trust()).isEqualTo(SignerReport.Trust.TRUSTED);
    assertThat(signer.encryptionCertificate()).hasValueSatisfying(e -> {
      assertThat(e.certificate()).isEqualTo(other.certificate());
      assertThat(e.trust()).isEqualTo(SignerReport.Trust.UNTRUSTED);
    });
  }

  @Test
  void aCertificateTheMessageDoesNotCarryIsNotReported() throws IOException {
    byte[] signed = sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(ENCRYPTION.certificate())
        .withCertificates(false));

    SignerReport signer = onlySigner(read(signed, PKI.anchors(), SIGNING.chain()));

    assertThat(signer.signatureValid()).isTrue();
    assertThat(signer.encryptionCertificate()).isEmpty();
  }

  @Test
  void aSignerNamingItsOwnCertificateReportsItWithItsOwnTrust() throws IOException {
    SignerReport signer = onlySigner(read(sign(SignOptions.defaults(SIGNER)
        .withEncryptionKeyPreference(SIGNING.certificate())), PKI.anchors(), List.of()));

    assertThat(signer.encryptionCertificate()).hasValueSatisfying(e -> {
      assertThat(e.certificate()).isEqualTo(SIGNING.certificate());
      assertThat(e.trust()).isEqualTo(SignerReport.Trust.TRUSTED);
    });
  }

  @Test
  void aSignatureThatDoesNotHoldReportsNoEncryptionCertificate() throws IOException {
    String signed = new String(sign(SignOptions.defaults(SIGNER).withEncryptionKeyPreference(ENCRYPTION.certificate())),
        StandardCharsets.US_ASCII).replace("Noon?", "Dawn!");

    SignerReport signer = onlySigner(read(signed.getBytes(StandardCharsets.US_ASCII), PKI.anchors(), List.of()));

    assertThat(signer.signatureValid()).isFalse();
    assertThat(signer.encryptionCertificate()).isEmpty();
  }

  @Test
  void noAttributeNoEncryptionCertificate() throws IOException {
    assertThat(onlySigner(read(sign(SignOptions.defaults(SIGNER)), PKI.anchors(), List.of())).encryptionCertificate())
        .isEmpty();
  }

  @Test
  void aPreferenceBySubjectKeyIdentifierFindsTheCarriedCertificate() throws Exception {
    byte[] skid = SubjectKeyIdentifier.fromExtensions(new org.bouncycastle.cert.X509CertificateHolder(
        ENCRYPTION.certificate().getEncoded()).getExtensions()).getKeyIdentifier();

    SignerReport signer = onlySigner(read(bareSignature(new SMIMEEncryptionKeyPreferenceAttribute(
        new DEROctetString(skid))), PKI.anchors(), List.of()));

    assertThat(signer.encryptionCertificate()).hasValueSatisfying(
        e -> assertThat(e.certificate()).isEqualTo(ENCRYPTION.certificate()));
  }

  @Test
  void aPreferenceByRecipientKeyIdentifierFindsTheCarriedCertificate() throws Exception {
    byte[] skid = SubjectKeyIdentifier.fromExtensions(new org.bouncycastle.cert.X509CertificateHolder(
        ENCRYPTION.certificate().getEncoded()).getExtensions()).getKeyIdentifier();

    SignerReport signer = onlySigner(read(bareSignature(new SMIMEEncryptionKeyPreferenceAttribute(
        new RecipientKeyIdentifier(skid))), PKI.anchors(), List.of()));

    assertThat(signer.encryptionCertificate()).hasValueSatisfying(
        e -> assertThat(e.certificate()).isEqualTo(ENCRYPTION.certificate()));
  }

  // ---------------------------------------------------------------------------------------------

  private static byte[] sign(SignOptions options) throws IOException {
    byte[] message = ("From: " + SIGNING.email() + "\r\nTo: bob@example.org\r\nSubject: Lunch\r\n\r\nNoon?\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  private static SecurityReport read(byte[] message, List<X509Certificate> anchors, List<X509Certificate> certs)
      throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(message),
        ReadOptions.verify(anchors).withIntermediates(certs), OutputStream.nullOutputStream());
  }

  private static SignerReport onlySigner(SecurityReport report) {
    assertThat(report.signers()).hasSize(1);
    return report.signers().get(0);
  }

  /** The certificates of the SignedData of a clear-signed message. */
  private static List<X509Certificate> carried(byte[] signed) {
    try {
      CMSSignedData data = new CMSSignedData(signatureDer(signed));
      JcaX509CertificateConverter convert = new JcaX509CertificateConverter();
      List<X509Certificate> out = new java.util.ArrayList<>();
      for (var holder : data.getCertificates().getMatches(null)) {
        out.add(convert.getCertificate(holder));
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String printCerts(byte[] signed) throws IOException {
    Path der = Files.write(dir.resolve("smime.p7s"), signatureDer(signed));
    ProcessRunner.Result certs = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "pkcs7", "-inform",
        "DER", "-in", der.toString(), "-print_certs", "-noout"));
    assertThat(certs.exitCode()).as(certs.stderr()).isZero();
    return certs.stdoutText();
  }

  /** The DER signature part of a clear-signed message. */
  private static byte[] signatureDer(byte[] signed) {
    String text = new String(signed, StandardCharsets.US_ASCII);
    int part = text.indexOf("Content-Type: application/pkcs7-signature");
    int start = text.indexOf("\r\n\r\n", part) + 4;
    int end = text.indexOf("\r\n--", start);
    return Base64.getMimeDecoder().decode(text.substring(start, end));
  }

  /** An opaque DER SignedData by the signer, with this preference attribute and both certificates carried. */
  private static byte[] bareSignature(SMIMEEncryptionKeyPreferenceAttribute preference) throws Exception {
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    attrs.add(preference);
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(SIGNING.privateKey()), SIGNING.certificate()));
    gen.addCertificates(new JcaCertStore(List.of(SIGNING.certificate(), PKI.intermediate(),
        ENCRYPTION.certificate())));
    byte[] content = "Content-Type: text/plain\r\n\r\nNoon?\r\n".getBytes(StandardCharsets.US_ASCII);
    return gen.generate(new CMSProcessableByteArray(content), true).getEncoded("DER");
  }

  /** Another PKI: a root, an intermediate and an encryption-only RSA certificate for the signer's address. */
  record OtherCa(List<X509Certificate> chain) {
    X509Certificate certificate() {
      return chain.get(0);
    }

    X509Certificate root() {
      return chain.get(2);
    }

    static OtherCa make() {
      try {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048, new SecureRandom());
        KeyPair rootKeys = rsa.generateKeyPair();
        KeyPair interKeys = rsa.generateKeyPair();
        KeyPair eeKeys = rsa.generateKeyPair();
        X500Name rootName = new X500Name("CN=Other Root");
        X500Name interName = new X500Name("CN=Other Intermediate");
        X509Certificate root = certificate(rootName, rootName, rootKeys.getPublic(), rootKeys.getPrivate(), true, 0);
        X509Certificate inter = certificate(rootName, interName, interKeys.getPublic(), rootKeys.getPrivate(), true, 0);
        X509Certificate ee = certificate(interName, new X500Name("CN=Other Encryption"), eeKeys.getPublic(),
            interKeys.getPrivate(), false, KeyUsage.keyEncipherment);
        return new OtherCa(List.of(ee, inter, root));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, PublicKey key, PrivateKey signer,
        boolean ca, int usage) throws Exception {
      Instant now = Clock.systemUTC().instant();
      var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli() + System.nanoTime()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, key);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.rfc822Name, SIGNING.email())));
      }
      try {
        return new JcaX509CertificateConverter().getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
      } catch (java.security.cert.CertificateException e) {
        throw new UncheckedIOException(new IOException(e));
      }
    }
  }
}
