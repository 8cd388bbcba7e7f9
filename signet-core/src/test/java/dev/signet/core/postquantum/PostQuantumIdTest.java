package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Post-quantum digital IDs: ML-DSA self-signed, ML-KEM beside a signing ID that issues it. */
class PostQuantumIdTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @ParameterizedTest(name = "a self-signed {0} ID survives PKCS#12 and signs a valid message")
  @EnumSource(value = KeyType.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
  void aSelfSignedMlDsaIdSurvivesPkcs12AndSigns(KeyType type) throws IOException {
    DigitalId id = reread(DigitalId.selfSigned("pq@example.org", "PQ", type, CLOCK, RANDOM));

    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(message()), SignOptions.defaults(id), signed);
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(List.of(id.certificate())), java.io.OutputStream.nullOutputStream());

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void anMlKemKeyCannotSignItsOwnCertificate() {
    assertThatThrownBy(() -> DigitalId.selfSigned("pq@example.org", "PQ", KeyType.ML_KEM_768, CLOCK, RANDOM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot sign its own certificate");
  }

  @ParameterizedTest(name = "an {0} ID issued by its signing ID survives PKCS#12 and decrypts")
  @EnumSource(value = KeyType.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void anMlKemPartnerIdSurvivesPkcs12AndDecrypts(KeyType type) throws IOException {
    DigitalId signing = DigitalId.selfSigned("pq@example.org", "PQ", KeyType.ML_DSA_65, CLOCK, RANDOM);
    DigitalId kem = reread(DigitalId.encryptionPartner(signing, type, CLOCK, RANDOM));

    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(message()),
        EncryptOptions.defaults(List.of(kem.certificate())), encrypted);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Smime.withDefaults().read(new ByteArrayInputStream(encrypted.toByteArray()), ReadOptions.decrypt(List.of(kem)),
        plain);

    assertThat(plain.toString(StandardCharsets.US_ASCII)).endsWith("post-quantum\r\n");
    assertThat(kem.chain()).hasSize(2);
    assertThat(kem.certificate().getIssuerX500Principal()).isEqualTo(signing.certificate().getSubjectX500Principal());
  }

  @Test
  void theKemCertificateIsForKeyEnciphermentOnlyAndVerifiesUnderTheSigningKey() throws Exception {
    DigitalId signing = DigitalId.selfSigned("pq@example.org", "PQ", KeyType.EC_P256, CLOCK, RANDOM);
    DigitalId kem = DigitalId.encryptionPartner(signing, KeyType.ML_KEM_768, CLOCK, RANDOM);

    boolean[] usage = kem.certificate().getKeyUsage();
    assertThat(usage[2]).as("keyEncipherment").isTrue();
    assertThat(usage[0]).as("digitalSignature").isFalse();
    kem.certificate().verify(signing.certificate().getPublicKey());
    assertThat(kem.certificate().getSubjectAlternativeNames()).singleElement()
        .satisfies(name -> assertThat(name.get(1)).isEqualTo("pq@example.org"));
  }

  @Test
  void ourSignedCapabilitiesAnnounceMlKem() throws Exception {
    DigitalId signing = DigitalId.selfSigned("pq@example.org", "PQ", KeyType.EC_P256, CLOCK, RANDOM);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(message()),
        SignOptions.defaults(signing).withFormat(dev.signet.core.Layer.SignedFormat.OPAQUE), signed);

    String text = signed.toString(StandardCharsets.US_ASCII);
    byte[] der = java.util.Base64.getMimeDecoder().decode(text.substring(text.indexOf("\r\n\r\n") + 4));
    var attribute = new CMSSignedData(der).getSignerInfos().getSigners().iterator().next().getSignedAttributes()
        .get(SMIMEAttributes.smimeCapabilities);
    List<String> announced = java.util.Arrays.stream(ASN1Sequence.getInstance(attribute.getAttrValues().getObjectAt(0)).toArray())
        .map(c -> SMIMECapability.getInstance(c).getCapabilityID().getId()).toList();

    assertThat(announced).contains(NISTObjectIdentifiers.id_alg_ml_kem_768.getId(),
        NISTObjectIdentifiers.id_alg_ml_kem_1024.getId(), NISTObjectIdentifiers.id_alg_ml_kem_512.getId());
  }

  private static DigitalId reread(DigitalId id) throws IOException {
    ByteArrayOutputStream p12 = new ByteArrayOutputStream();
    id.writePkcs12(p12, PASSWORD, 1000, RANDOM);
    return DigitalId.readPkcs12(new ByteArrayInputStream(p12.toByteArray()), PASSWORD);
  }

  private static byte[] message() {
    return "From: pq@example.org\r\nTo: b@example.org\r\nSubject: id\r\n\r\npost-quantum\r\n"
        .getBytes(StandardCharsets.US_ASCII);
  }
}
