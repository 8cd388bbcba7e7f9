package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.Layer;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEMAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKEMRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Bouncy Castle's own CMS classes, used directly as a peer that is not Signet: each reads what
 * Signet writes with post-quantum keys, and Signet reads what they write.
 */
class BouncyCastlePeerTest {
  private static final Provider BC = new BouncyCastleProvider();
  private static final byte[] MESSAGE =
      "From: a@example.org\r\nSubject: peer\r\n\r\nfrom one CMS to another\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT = "Content-Type: text/plain\r\n\r\nwritten by the peer\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  @Test
  void theyDecryptWhatSignetEncryptsToAnMlKemRecipient() throws Exception {
    DigitalId kem = PostQuantumIds.mlKem("ML-KEM-768");
    ByteArrayOutputStream smime = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(MESSAGE), EncryptOptions.defaults(List.of(kem.certificate())),
        smime);

    CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(body(smime.toByteArray()));
    RecipientInformation recipient = data.getRecipientInfos().getRecipients().iterator().next();
    byte[] plain = recipient.getContent(new JceKEMAuthEnvelopedRecipient(kem.privateKey()).setProvider(BC));

    assertThat(new String(plain, StandardCharsets.US_ASCII)).endsWith("from one CMS to another\r\n");
  }

  @Test
  void theyVerifyWhatSignetSignsWithMlDsa() throws Exception {
    DigitalId signer = PostQuantumIds.mlDsa("ML-DSA-65");
    ByteArrayOutputStream smime = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(MlDsaSignatureTest.from("ML-DSA-65")),
        SignOptions.defaults(signer).withFormat(Layer.SignedFormat.OPAQUE), smime);

    CMSSignedData signed = new CMSSignedData(body(smime.toByteArray()));
    SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();

    assertThat(info.getDigestAlgorithmID().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha512);
    assertThat(info.getSignedAttributes()).isNotNull();
    assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(bc(signer.certificate()))))
        .isTrue();
  }

  @Test
  void signetDecryptsWhatTheyEncryptToAnMlKemRecipient() throws Exception {
    DigitalId kem = PostQuantumIds.mlKem("ML-KEM-1024");
    CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKEMRecipientInfoGenerator(bc(kem.certificate()), CMSAlgorithm.AES256_WRAP)
        .setKDF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_alg_hkdf_with_sha256)).setProvider(BC));
    byte[] der = generator.generate(new CMSProcessableByteArray(CONTENT),
        (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(BC).build())
        .getEncoded();

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Smime.withDefaults().read(new ByteArrayInputStream(der), ReadOptions.decrypt(List.of(kem)), plain);

    assertThat(plain.toByteArray()).isEqualTo(CONTENT);
  }

  @Test
  void signetDecryptsTheirEnvelopedDataWithTheirDefaultKdf() throws Exception {
    DigitalId kem = PostQuantumIds.mlKem("ML-KEM-512");
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKEMRecipientInfoGenerator(bc(kem.certificate()), CMSAlgorithm.AES128_WRAP)
        .setProvider(BC));
    byte[] der = generator.generate(new CMSProcessableByteArray(CONTENT),
        new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build()).getEncoded();

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Smime.withDefaults().read(new ByteArrayInputStream(der), ReadOptions.decrypt(List.of(kem)), plain);

    assertThat(plain.toByteArray()).isEqualTo(CONTENT);
  }

  @Test
  void signetVerifiesTheirSlhDsaSignature() throws Exception {
    DigitalId signer = PostQuantumIds.slhDsa("SLH-DSA-SHA2-128F");

    SecurityReport report = verify(signedByThem(signer, "SLH-DSA-SHA2-128F", NISTObjectIdentifiers.id_sha256));

    assertThat(report.problems()).isEmpty();
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.signers()).singleElement().satisfies(s -> assertThat(s.signatureValid()).isTrue());
  }

  @Test
  void aDigestWeakerThanTheMlDsaParameterSetIsNamedAsAWeakAlgorithm() throws Exception {
    DigitalId signer = PostQuantumIds.mlDsa("ML-DSA-87");

    SecurityReport report = verify(signedByThem(signer, "ML-DSA-87", NISTObjectIdentifiers.id_sha256));

    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.code()).isEqualTo(ProblemCode.WEAK_ALGORITHM);
      assertThat(p.message()).contains("SHA-256");
    });
  }

  private static byte[] signedByThem(DigitalId signer, String algorithm,
      org.bouncycastle.asn1.ASN1ObjectIdentifier digest) throws Exception {
    PrivateKey key = signer.privateKey();
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
        .setContentDigest(new AlgorithmIdentifier(digest))
        .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key), bc(signer.certificate())));
    generator.addCertificates(new JcaCertStore(signer.chain().subList(0, 2)));
    CMSTypedData content = new CMSProcessableByteArray(CONTENT);
    return generator.generate(content, true).getEncoded();
  }

  private static SecurityReport verify(byte[] der) throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(der), ReadOptions.verify(TestPki.get().anchors()),
        OutputStreamNull.INSTANCE);
  }

  private static final class OutputStreamNull {
    static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
  }

  /** The certificate as Bouncy Castle's provider parses it, as a peer built on it would hold it. */
  private static X509Certificate bc(X509Certificate cert) throws Exception {
    return new JcaX509CertificateConverter().setProvider(BC).getCertificate(new JcaX509CertificateHolder(cert));
  }

  /** The DER of an application/pkcs7-mime message's base64 body. */
  private static byte[] body(byte[] smime) {
    String text = new String(smime, StandardCharsets.US_ASCII);
    return Base64.getMimeDecoder().decode(text.substring(text.indexOf("\r\n\r\n") + 4));
  }
}
