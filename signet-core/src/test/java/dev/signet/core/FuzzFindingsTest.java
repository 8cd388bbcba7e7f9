package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.internal.EssEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz targets (dev.signet.core.fuzz) found, each pinned as the behaviour it should have
 * been: broken untrusted input is refused with a MalformedInputException or read for what it does
 * hold, never another exception; only a failure of the caller's own stream passes through as is.
 */
class FuzzFindingsTest {
  private static final Smime SMIME = Smime.withDefaults();

  private static void read(byte[] message) throws IOException {
    SMIME.read(new ByteArrayInputStream(message), ReadOptions.readAll(List.of(), List.of()),
        OutputStream.nullOutputStream());
  }

  private static byte[] pkcs7Mime(String smimeType, byte[] der) {
    return ("From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=" + smimeType + "\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void anEnvelopedLayerWithAnAsn1LengthBeyond63BitsIsMalformedInput() {
    byte[] oversized = {(byte) 0x89, -1, -1, -1, -1, -1, -1, -1, -1, -1};
    byte[] der = concat(HexFormat.of().parseHex("3080" + "06092a864886f70d010703" + "a080" + "3080" + "020100" + "3180" + "30"),
        oversized);
    assertThatThrownBy(() -> read(pkcs7Mime("enveloped-data", der)))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void anIoFailureOfTheCallersOwnStreamIsPassedOnAsIs() {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    assertThatThrownBy(() -> SMIME.read(failing, ReadOptions.readAll(List.of(), List.of()), OutputStream.nullOutputStream()))
        .isExactlyInstanceOf(IOException.class).hasMessage("disk gone");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void aCertificateWhoseSubjectBouncyCastleCannotParseCarriesOnlyItsAlternativeNames() throws Exception {
    DigitalId alice = DigitalId.selfSigned("alice@example.org", "Alice", KeyType.EC_P256, Clock.systemUTC(),
        new SecureRandom());
    byte[] der = alice.certificate().getEncoded();
    byte[] commonName = HexFormat.of().parseHex("0603550403" + "0c");
    int subjectCn = lastIndexOf(der, commonName);
    der[subjectCn + commonName.length - 1] = 0x08; // the subject's CN now has universal tag 8, which BC refuses
    X509Certificate damaged = Certificates.read(new ByteArrayInputStream(der)).get(0);
    assertThat(Certificates.emails(damaged)).containsExactly("alice@example.org");
  }

  private static int lastIndexOf(byte[] data, byte[] part) {
    for (int i = data.length - part.length; i >= 0; i--) {
      if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void aSignedReceiptWhoseContentTypeHoldsABareCarriageReturnIsMalformedInput() {
    byte[] receipt = ("From: bob@example.org\r\nContent-Type: application/pkcs7-mime;\rFrom: x\r\n\r\nMIAG\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    SignedReceiptRequest original = new SignedReceiptRequest(
        new ReceiptRequest("01", ReceiptRequest.From.all(), List.of("bob@example.org")), "1.2.840.113549.1.7.1",
        new byte[] {1}, new byte[32]);
    assertThatThrownBy(() -> SMIME.verifyReceipt(new ByteArrayInputStream(receipt), original,
        ReadOptions.verify(List.of()))).isInstanceOf(MalformedInputException.class);
  }

  /** A signed receipt (id-ct-receipt content, one signer, its certificate), DER. */
  private static byte[] signedReceipt() throws Exception {
    DigitalId bob = DigitalId.selfSigned("bob@example.org", "Bob", KeyType.EC_P256, Clock.systemUTC(),
        new SecureRandom());
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(bob.privateKey()), bob.certificate()));
    generator.addCertificate(new JcaX509CertificateHolder(bob.certificate()));
    byte[] receipt = EssEncoding.der(new Receipt("1.2.840.113549.1.7.1", "01", new byte[] {1}));
    return generator.generate(new CMSProcessableByteArray(EssEncoding.RECEIPT_CONTENT, receipt), true).getEncoded();
  }

  private static void verifyReceipt(byte[] der) throws IOException {
    SignedReceiptRequest original = new SignedReceiptRequest(
        new ReceiptRequest("01", ReceiptRequest.From.all(), List.of("bob@example.org")), "1.2.840.113549.1.7.1",
        new byte[] {1}, new byte[32]);
    SMIME.verifyReceipt(new ByteArrayInputStream(der), original, ReadOptions.verify(List.of()));
  }

  @Test
  void aSignedReceiptCarryingACertificateWithAMalformedExtensionIsMalformedInput() throws Exception {
    byte[] der = signedReceipt();
    der[lastIndexOf(der, HexFormat.of().parseHex("0603551d"))] = 0x04; // an extension's OID is now an OCTET STRING
    assertThatThrownBy(() -> verifyReceipt(der)).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void aSignedReceiptWithASignedAttributeWhoseTypeIsNotAnOidIsMalformedInput() throws Exception {
    byte[] der = signedReceipt();
    der[lastIndexOf(der, HexFormat.of().parseHex("06092a864886f70d010903"))] = 0x04; // content-type attribute
    assertThatThrownBy(() -> verifyReceipt(der)).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void aSignedReceiptWhoseSignerInfoHasAWronglyTaggedFieldIsMalformedInput() throws Exception {
    byte[] der = signedReceipt();
    // signedAttrs [0] { SEQUENCE { contentType OID, ... } ...}: its tag and length precede that SEQUENCE.
    int contentType = lastIndexOf(der, HexFormat.of().parseHex("06092a864886f70d010903"));
    int signedAttributes = contentType - 4;
    while (der[signedAttributes] != (byte) 0xa0 && signedAttributes > contentType - 6) {
      signedAttributes--;
    }
    assertThat(der[signedAttributes]).isEqualTo((byte) 0xa0);
    der[signedAttributes] = 0x70; // [APPLICATION 16] where signedAttrs [0] belongs
    assertThatThrownBy(() -> verifyReceipt(der)).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void aCompressedLayerWhoseZlibStreamIsCorruptIsMalformedInput() throws Exception {
    byte[] der = new CMSCompressedDataGenerator().generate(
        new CMSProcessableByteArray("Content-Type: text/plain\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)),
        new ZlibCompressor()).getEncoded();
    for (int i = 0; i + 2 < der.length; i++) {
      if ((der[i] & 0xff) == 0x78 && (der[i + 1] & 0xff) == 0x9c) {
        der[i + 2] = (byte) 0xff; // the first deflate block now has the reserved block type
        break;
      }
    }
    assertThatThrownBy(() -> read(pkcs7Mime("compressed-data", der)))
        .isInstanceOf(MalformedInputException.class);
  }
}
