package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** Each limit on untrusted input, at its edge (read) and one beyond it (refused). */
class LimitsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final DigitalId ALICE =
      DigitalId.selfSigned("alice@example.org", "Alice", KeyType.EC_P256, CLOCK, RANDOM);
  private static final DigitalId BOB =
      DigitalId.selfSigned("bob@example.org", "Bob", KeyType.EC_P256, CLOCK, RANDOM);

  private static SecurityReport read(Limits limits, byte[] message, ReadOptions options) throws IOException {
    return Smime.withDefaults().withLimits(limits)
        .read(new ByteArrayInputStream(message), options, OutputStream.nullOutputStream());
  }

  private static SecurityReport read(Limits limits, String message) throws IOException {
    return read(limits, ascii(message), ReadOptions.verify(List.of()));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String nested(int levels) {
    if (levels == 0) {
      return "Content-Type: text/plain\r\n\r\nhello\r\n";
    }
    String b = "b" + levels;
    return "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n--" + b + "\r\n" + nested(levels - 1)
        + "\r\n--" + b + "--\r\n";
  }

  private static String parts(int n) {
    StringBuilder m = new StringBuilder("From: alice@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
    for (int i = 0; i < n; i++) {
      m.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
    }
    return m.append("--b--\r\n").toString();
  }

  @Test
  void entitiesNestedToTheDepthLimitAreReadAndOneLevelDeeperIsRefused() throws IOException {
    Limits limits = Limits.DEFAULT.withMaxDepth(3);
    assertThat(read(limits, "From: alice@example.org\r\n" + nested(3)).layers()).isEmpty();
    assertThatThrownBy(() -> read(limits, "From: alice@example.org\r\n" + nested(4)))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("nesting deeper than 3");
  }

  @Test
  void asManyPartsAsTheLimitAreReadAndOneMoreIsRefused() throws IOException {
    Limits limits = Limits.DEFAULT.withMaxParts(3);
    read(limits, parts(3));
    assertThatThrownBy(() -> read(limits, parts(4)))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("more than 3 MIME parts");
  }

  @Test
  void asManyHeaderFieldsAsTheLimitAreReadAndOneMoreIsRefused() throws IOException {
    Limits limits = Limits.DEFAULT.withMaxHeaderFields(4);
    String three = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: s\r\n";
    read(limits, three + "X-Fourth: 4\r\n\r\nhi\r\n");
    assertThatThrownBy(() -> read(limits, three + "X-Fourth: 4\r\nX-Fifth: 5\r\n\r\nhi\r\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("more than 4 header fields");
  }

  /** A header block of exactly {@code bytes} octets, the blank line that ends it included. */
  private static String headerBlockOf(int bytes) {
    String from = "From: alice@example.org\r\n";
    return from + "X: " + "a".repeat(bytes - from.length() - 3 - 4) + "\r\n\r\n";
  }

  @Test
  void aHeaderBlockAsLargeAsTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
    Limits limits = Limits.DEFAULT.withMaxHeaderBytes(200);
    read(limits, headerBlockOf(200) + "hi\r\n");
    assertThatThrownBy(() -> read(limits, headerBlockOf(201) + "hi\r\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("header block larger than 200 bytes");
  }

  /** A header line of exactly {@code bytes} octets, its CRLF included. */
  private static String headerLineOf(int bytes) {
    return "X: " + "a".repeat(bytes - 5) + "\r\n";
  }

  @Test
  void aHeaderLineAsLongAsTheLimitIsReadAndOneByteLongerIsRefused() throws IOException {
    Limits limits = Limits.DEFAULT.withMaxLineBytes(100);
    read(limits, "From: alice@example.org\r\n" + headerLineOf(100) + "\r\nhi\r\n");
    assertThatThrownBy(() -> read(limits, "From: alice@example.org\r\n" + headerLineOf(101) + "\r\nhi\r\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("longer than 100 bytes");
  }

  private static byte[] signedByEach(List<DigitalId> signers, List<X509Certificate> certificates) throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    for (DigitalId id : signers) {
      gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(id.privateKey()), id.certificate()));
    }
    gen.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(certificates));
    return gen.generate(new CMSProcessableByteArray(ascii("hello")), true).getEncoded();
  }

  @Test
  void asManySignerInfosAsTheLimitAreJudgedAndOneMoreIsRefused() throws Exception {
    byte[] twoSigners = signedByEach(List.of(ALICE, BOB), List.of(ALICE.certificate(), BOB.certificate()));
    ReadOptions options = ReadOptions.verify(List.of(ALICE.certificate(), BOB.certificate()));
    assertThat(read(Limits.DEFAULT.withMaxSigners(2), twoSigners, options).signers()).hasSize(2);
    assertThatThrownBy(() -> read(Limits.DEFAULT.withMaxSigners(1), twoSigners, options))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("more than 1 signers");
  }

  @Test
  void asManyCertificatesAsTheLimitAreReadAndOneMoreIsRefused() throws Exception {
    byte[] twoCertificates = signedByEach(List.of(ALICE), List.of(ALICE.certificate(), BOB.certificate()));
    ReadOptions options = ReadOptions.verify(List.of(ALICE.certificate()));
    assertThat(read(Limits.DEFAULT.withMaxCertificates(2), twoCertificates, options).verdict())
        .isEqualTo(Verdict.VALID);
    assertThatThrownBy(() -> read(Limits.DEFAULT.withMaxCertificates(1), twoCertificates, options))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("more than 1 certificates");
  }

  @Test
  void asManyRecipientInfosAsTheLimitAreReadAndOneMoreIsRefused() throws IOException {
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(ascii("From: alice@example.org\r\n\r\nhi\r\n")),
        EncryptOptions.defaults(List.of(ALICE.certificate(), BOB.certificate())), encrypted);
    ReadOptions options = ReadOptions.decrypt(List.of(BOB));
    assertThat(read(Limits.DEFAULT.withMaxRecipients(2), encrypted.toByteArray(), options).encrypted()).isTrue();
    assertThatThrownBy(() -> read(Limits.DEFAULT.withMaxRecipients(1), encrypted.toByteArray(), options))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("more than 1 recipients");
  }

  @Test
  void aCompressedLayerExpandingToTheLimitIsReadAndOneByteMoreIsRefused() throws Exception {
    byte[] inner = ascii("Content-Type: text/plain\r\n\r\n" + "z".repeat(10_000));
    byte[] der = new CMSCompressedDataGenerator().generate(new CMSProcessableByteArray(inner), new ZlibCompressor())
        .getEncoded();
    byte[] message = ascii("From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=compressed-data\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n");
    ReadOptions options = ReadOptions.verify(List.of());
    read(Limits.DEFAULT.withMaxDecompressedBytes(inner.length), message, options);
    assertThatThrownBy(() -> read(Limits.DEFAULT.withMaxDecompressedBytes(inner.length - 1), message, options))
        .isInstanceOf(MalformedInputException.class);
  }

  /** A CA hierarchy built in the test: a root, CAs below it, and a signer at the bottom. */
  private static final class Hierarchy {
    private final Instant now = CLOCK.instant();
    private final List<X509Certificate> chain = new ArrayList<>();
    private final X509Certificate root;
    private PrivateKey key;
    private X509Certificate top;
    private int serial;

    Hierarchy() throws Exception {
      KeyPair pair = pair();
      root = issue("CN=Root", pair, "CN=Root", pair.getPrivate(), true, null, List.of());
      top = root;
      key = pair.getPrivate();
    }

    /** Adds a CA under the current bottom, with name constraints permitting {@code permitted} email domains. */
    Hierarchy ca(List<String> permitted) throws Exception {
      KeyPair pair = pair();
      String name = "CN=CA " + serial;
      top = issue(name, pair, top.getSubjectX500Principal().getName(), key, true, null, permitted);
      chain.add(0, top);
      key = pair.getPrivate();
      return this;
    }

    DigitalId signer(String email) throws Exception {
      KeyPair pair = pair();
      X509Certificate cert = issue("CN=Signer", pair, top.getSubjectX500Principal().getName(), key, false, email,
          List.of());
      List<X509Certificate> certs = new ArrayList<>(chain);
      certs.add(0, cert);
      return DigitalId.of(pair.getPrivate(), certs);
    }

    private X509Certificate issue(String subject, KeyPair pair, String issuer, PrivateKey signingKey, boolean ca,
        String email, List<String> permitted) throws Exception {
      var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(++serial),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject),
          pair.getPublic());
      if (ca) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
      }
      if (!permitted.isEmpty()) {
        GeneralSubtree[] subtrees = permitted.stream()
            .map(d -> new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, d))).toArray(GeneralSubtree[]::new);
        builder.addExtension(Extension.nameConstraints, true, new NameConstraints(subtrees, null));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
    }

    private static KeyPair pair() throws Exception {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    }
  }

  private static byte[] signed(DigitalId signer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(ascii("From: signer@example.org\r\n\r\nhi\r\n")),
        SignOptions.defaults(signer), out);
    return out.toByteArray();
  }

  @Test
  void aChainWithAsManyIntermediatesAsTheLimitIsTrustedAndOneMoreIsAnInvalidPath() throws Exception {
    Hierarchy pki = new Hierarchy().ca(List.of()).ca(List.of());
    byte[] message = signed(pki.signer("signer@example.org"));
    ReadOptions options = ReadOptions.verify(List.of(pki.root));
    assertThat(read(Limits.DEFAULT.withMaxChainLength(2), message, options).verdict()).isEqualTo(Verdict.VALID);
    SecurityReport tooLong = read(Limits.DEFAULT.withMaxChainLength(1), message, options);
    assertThat(tooLong.problems()).anySatisfy(p -> {
      assertThat(p.code()).isEqualTo(ProblemCode.INVALID_PATH);
      assertThat(p.message()).contains("longer than 1");
    });
  }

  @Test
  void nameConstraintWorkWithinTheBudgetIsDoneAndBeyondItIsAnInvalidPath() throws Exception {
    // Four permitted subtrees times the signer's two names (subject and SAN): eight comparisons.
    Hierarchy pki = new Hierarchy().ca(List.of("example.org", "example.com", "example.net", "example.edu"));
    byte[] message = signed(pki.signer("signer@example.org"));
    ReadOptions options = ReadOptions.verify(List.of(pki.root));
    assertThat(read(Limits.DEFAULT.withMaxNameConstraintChecks(8), message, options).verdict())
        .isEqualTo(Verdict.VALID);
    SecurityReport tooCostly = read(Limits.DEFAULT.withMaxNameConstraintChecks(7), message, options);
    assertThat(tooCostly.problems()).anySatisfy(p -> {
      assertThat(p.code()).isEqualTo(ProblemCode.INVALID_PATH);
      assertThat(p.message()).contains("exceed the checking budget of 7");
    });
  }
}
