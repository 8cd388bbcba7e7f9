package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SignedData with the wrong ASN.1 element somewhere: Bouncy Castle fails with a ClassCastException naming its own
 * classes; the engine says which structure is malformed and what stood where, with no Java class name.
 */
class MalformedCmsWordingTest {
  private static final Smime SMIME = Smime.withDefaults();
  private static DigitalId alice;
  private static byte[] signed;

  @BeforeAll
  static void aliceSigns() throws Exception {
    alice = DigitalId.selfSigned("alice@example.org", "Alice", KeyType.EC_P256, Clock.systemUTC(), new SecureRandom());
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(alice.privateKey()), alice.certificate()));
    generator.addCertificate(new JcaX509CertificateHolder(alice.certificate()));
    signed = generator.generate(new CMSProcessableByteArray(
        "Content-Type: text/plain\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)), true).getEncoded();
  }

  private static MalformedInputException refused(byte[] der) {
    byte[] mime = ("From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    for (byte[] input : List.of(der, mime)) {
      MalformedInputException e = catchThrowableOfType(() -> SMIME.read(new ByteArrayInputStream(input),
          ReadOptions.verify(List.of()), OutputStream.nullOutputStream()), MalformedInputException.class);
      assertThat(e).as("refused as malformed input").isNotNull();
      assertThat(e.getMessage()).doesNotContain("class ").doesNotContain("org.").doesNotContain("bouncycastle")
          .doesNotContain("java.").doesNotContain("Exception").doesNotContain("Parser");
    }
    return catchThrowableOfType(() -> SMIME.read(new ByteArrayInputStream(der), ReadOptions.verify(List.of()),
        OutputStream.nullOutputStream()), MalformedInputException.class);
  }

  private static int indexOf(byte[] data, String hex, int from) {
    byte[] part = HexFormat.of().parseHex(hex);
    for (int i = from; i + part.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + hex);
  }

  @Test
  void aTaggedElementWhereTheDigestAlgorithmsSetBelongs() {
    byte[] der = signed.clone();
    int version = indexOf(der, "020101", indexOf(der, "06092a864886f70d010702", 0));
    assertThat(der[version + 3]).isEqualTo((byte) 0x31);
    der[version + 3] = (byte) 0xa0;

    assertThat(refused(der)).hasMessage("malformed CMS SignedData: a tagged element where a SET was expected");
  }

  @Test
  void aTaggedElementWhereTheContentTypeBelongs() {
    byte[] der = signed.clone();
    der[indexOf(der, "06092a864886f70d010701", 0)] = (byte) 0xa0;

    assertThat(refused(der)).hasMessageStartingWith("malformed CMS SignedData: a tagged element where")
        .hasMessageEndingWith("was expected");
  }

  @Test
  void anUnreadableCertificateInTheMessageIsToldWithoutTheJdksClassNames() throws Exception {
    byte[] der = signed.clone();
    int certificate = indexOf(der, HexFormat.of().formatHex(Arrays.copyOf(alice.certificate().getEncoded(), 16)), 0);
    // The key's named curve (prime256v1) as an OCTET STRING: Bouncy Castle takes it, the JDK refuses it.
    der[indexOf(der, "06082a8648ce3d030107", certificate)] = 0x04;

    assertThat(refused(der)).hasMessageStartingWith("unreadable certificate in the message: ")
        .message().doesNotContain("DerValue");
  }
}
