package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.Layer;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.KEMRecipientInfo;
import org.bouncycastle.asn1.cms.OtherRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ML-KEM recipients: KEMRecipientInfo (RFC 9629) as RFC 9936 profiles it for ML-KEM. */
class MlKemRecipientTest {
  private static final byte[] MESSAGE =
      "From: a@example.org\r\nSubject: quantum\r\n\r\nfor the KEM\r\n".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "a message to an {0} recipient is AES-256-GCM AuthEnvelopedData by default and decrypts")
  @ValueSource(strings = {"ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"})
  void aMessageToAnMlKemRecipientDecryptsWithItsKey(String parameterSet) throws IOException {
    DigitalId kem = PostQuantumIds.mlKem(parameterSet);

    byte[] encrypted = encrypt(EncryptOptions.defaults(List.of(kem.certificate())));
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report = read(encrypted, kem, plain);

    assertThat(report.layers()).containsExactly(new Layer.Encrypted(ContentCipher.AES_256_GCM));
    assertThat(plain.toString(StandardCharsets.US_ASCII)).endsWith("for the KEM\r\n");
  }

  @ParameterizedTest(name = "EnvelopedData with {0} to an ML-KEM recipient decrypts when asked for")
  @ValueSource(strings = {"AES_256_CBC", "AES_128_CBC"})
  void envelopedDataToAnMlKemRecipientDecrypts(ContentCipher cipher) throws IOException {
    DigitalId kem = PostQuantumIds.mlKem("ML-KEM-768");

    byte[] encrypted = encrypt(EncryptOptions.defaults(List.of(kem.certificate())).withCipher(cipher));
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report = read(encrypted, kem, plain);

    assertThat(report.layers()).containsExactly(new Layer.Encrypted(cipher));
    assertThat(plain.toString(StandardCharsets.US_ASCII)).endsWith("for the KEM\r\n");
  }

  @Test
  void oneMessageToMlKemRsaAndEcdhRecipientsDecryptsForEach() throws IOException {
    DigitalId kem = PostQuantumIds.mlKem("ML-KEM-768");
    DigitalId rsa = legacy(TestPki.KeyKind.RSA_2048);
    DigitalId ecdh = legacy(TestPki.KeyKind.EC_P256);

    byte[] encrypted = encrypt(EncryptOptions.defaults(
        List.of(kem.certificate(), rsa.certificate(), ecdh.certificate())));

    for (DigitalId each : List.of(kem, rsa, ecdh)) {
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      read(encrypted, each, plain);
      assertThat(plain.toString(StandardCharsets.US_ASCII)).as(each.toString()).endsWith("for the KEM\r\n");
    }
  }

  @ParameterizedTest(name = "the {0} recipient uses HKDF-SHA256 and {1} key wrap (RFC 9936)")
  @CsvSource({"ML-KEM-512, AES-128 wrap, 2.16.840.1.101.3.4.1.5", "ML-KEM-768, AES-256 wrap, 2.16.840.1.101.3.4.1.45",
      "ML-KEM-1024, AES-256 wrap, 2.16.840.1.101.3.4.1.45"})
  void theKemRecipientInfoFollowsRfc9936(String parameterSet, String wrapName, String wrapOid) throws Exception {
    DigitalId kem = PostQuantumIds.mlKem(parameterSet);

    KEMRecipientInfo info = kemRecipientInfo(encrypt(EncryptOptions.defaults(List.of(kem.certificate()))));

    assertThat(info.getKdf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_alg_hkdf_with_sha256);
    assertThat(info.getWrap().getAlgorithm().getId()).as(wrapName).isEqualTo(wrapOid);
    assertThat(info.getKem().getAlgorithm().getId())
        .isEqualTo(kem.certificate().getPublicKey().getAlgorithm());
    assertThat(info.getKekLength()).isEqualTo(wrapOid.endsWith(".5") ? 16 : 32);
  }

  private static KEMRecipientInfo kemRecipientInfo(byte[] smime) throws Exception {
    String text = new String(smime, StandardCharsets.US_ASCII);
    byte[] der = Base64.getMimeDecoder().decode(text.substring(text.indexOf("\r\n\r\n") + 4));
    CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(der);
    assertThat(ContentInfo.getInstance(der).getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
    RecipientInfo info = RecipientInfo.getInstance(
        org.bouncycastle.asn1.cms.AuthEnvelopedData.getInstance(data.toASN1Structure().getContent())
            .getRecipientInfos().getObjectAt(0));
    OtherRecipientInfo other = OtherRecipientInfo.getInstance(info.getInfo());
    assertThat(other.getType()).isEqualTo(CMSObjectIdentifiers.id_ori_kem);
    return KEMRecipientInfo.getInstance(other.getValue());
  }

  private static DigitalId legacy(TestPki.KeyKind kind) {
    TestPki.Identity id = TestPki.get().identity(kind);
    return DigitalId.of(id.privateKey(), id.chain());
  }

  private static byte[] encrypt(EncryptOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().encrypt(new ByteArrayInputStream(MESSAGE), options, out);
    return out.toByteArray();
  }

  private static SecurityReport read(byte[] encrypted, DigitalId id, ByteArrayOutputStream plain) throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(encrypted), ReadOptions.decrypt(List.of(id)), plain);
  }
}
