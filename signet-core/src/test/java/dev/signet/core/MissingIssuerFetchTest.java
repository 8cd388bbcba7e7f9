package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.RevocationServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An issuer certificate the message leaves out is fetched from the signer's caIssuers URL when allowed. */
class MissingIssuerFetchTest {
  private static final String EMAIL = "dave@signet.test";
  private RevocationServer server;
  private X509Certificate root;
  private X509Certificate signer;
  private PrivateKey signerKey;
  @TempDir Path cache;

  @BeforeEach
  void aRootAnIntermediateServedOverHttpAndASigner() throws Exception {
    server = RevocationServer.start();
    KeyPair rootKeys = ec();
    KeyPair intermediateKeys = ec();
    KeyPair signerKeys = ec();
    X500Name rootName = new X500Name("CN=Fetch Test Root");
    X500Name intermediateName = new X500Name("CN=Fetch Test Intermediate");
    root = sign(ca(rootName, rootName, rootKeys.getPublic()), rootKeys.getPrivate());
    X509Certificate intermediate = sign(ca(rootName, intermediateName, intermediateKeys.getPublic()),
        rootKeys.getPrivate());
    server.serve("/intermediate.cer", intermediate.getEncoded());
    X509v3CertificateBuilder leaf = builder(intermediateName, new X500Name("CN=" + EMAIL), signerKeys.getPublic());
    leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
    leaf.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, EMAIL)));
    leaf.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
        AccessDescription.id_ad_caIssuers,
        new GeneralName(GeneralName.uniformResourceIdentifier, server.url("/intermediate.cer").toString())));
    signer = sign(leaf, intermediateKeys.getPrivate());
    signerKey = signerKeys.getPrivate();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void withFetchingTheIssuerIsFetchedAndTheChainIsTrusted() throws IOException {
    SecurityReport report = read(ReadOptions.verify(List.of(root))
        .withFetching(RevocationFetching.cachingIn(cache).withPrivateNetworks()));
    assertThat(report.signers()).singleElement()
        .satisfies(s -> assertThat(s.trust()).isEqualTo(SignerReport.Trust.TRUSTED));
    assertThat(report.has(ProblemCode.ISSUER_MISSING)).isFalse();
    assertThat(server.requests("/intermediate.cer")).isPositive();
  }

  @Test
  void withoutFetchingTheIssuerIsMissingAndNothingIsAsked() throws IOException {
    SecurityReport report = read(ReadOptions.verify(List.of(root)));
    assertThat(report.has(ProblemCode.ISSUER_MISSING)).isTrue();
    assertThat(server.requests("/intermediate.cer")).isZero();
  }

  private SecurityReport read(ReadOptions options) throws IOException {
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(("From: " + EMAIL + "\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(signerKey, List.of(signer))), signed);
    return Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()), options,
        OutputStream.nullOutputStream());
  }

  private static X509v3CertificateBuilder ca(X500Name issuer, X500Name subject, PublicKey key) throws IOException {
    X509v3CertificateBuilder b = builder(issuer, subject, key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return b;
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli() ^ subject.hashCode()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
