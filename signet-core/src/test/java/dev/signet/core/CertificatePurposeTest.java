package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** What a certificate's key may do for mail, read from its key usage alone. */
class CertificatePurposeTest {
  @Test
  void withoutKeyUsageACertificateSignsAndEncrypts() throws Exception {
    assertThat(CertificatePurpose.of(certificate(Optional.empty()))).isEqualTo(CertificatePurpose.DUAL_USE);
  }

  @Test
  void digitalSignatureOrNonRepudiationSigns() throws Exception {
    assertThat(CertificatePurpose.of(certificate(Optional.of(KeyUsage.digitalSignature))))
        .isEqualTo(CertificatePurpose.SIGNING);
    assertThat(CertificatePurpose.of(certificate(Optional.of(KeyUsage.nonRepudiation))))
        .isEqualTo(CertificatePurpose.SIGNING);
  }

  @Test
  void keyEnciphermentOrKeyAgreementEncrypts() throws Exception {
    assertThat(CertificatePurpose.of(certificate(Optional.of(KeyUsage.keyEncipherment))))
        .isEqualTo(CertificatePurpose.ENCRYPTION);
    assertThat(CertificatePurpose.of(certificate(Optional.of(KeyUsage.keyAgreement))))
        .isEqualTo(CertificatePurpose.ENCRYPTION);
  }

  @Test
  void bothKindsOfBitMakeADualUseCertificate() throws Exception {
    assertThat(CertificatePurpose.of(certificate(Optional.of(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))))
        .isEqualTo(CertificatePurpose.DUAL_USE);
  }

  @Test
  void aCasKeyUsageIsNotForMail() throws Exception {
    CertificatePurpose ca = CertificatePurpose.of(certificate(Optional.of(KeyUsage.keyCertSign | KeyUsage.cRLSign)));

    assertThat(ca).isEqualTo(CertificatePurpose.NONE);
    assertThat(ca.signs()).isFalse();
    assertThat(ca.encrypts()).isFalse();
  }

  private static X509Certificate certificate(Optional<Integer> usage) throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    KeyPair keys = ec.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=Purpose");
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
        Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
    if (usage.isPresent()) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage.get()));
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
