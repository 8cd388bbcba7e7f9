package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.DecryptionFailedException;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.junit.jupiter.api.Test;

/**
 * AuthEnvelopedData in the shapes other writers may choose, beyond the 12-byte nonce and no
 * authenticated attributes that Signet and OpenSSL write: each decrypts, and a changed attribute fails the tag.
 */
class AuthEnvelopedShapesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DigitalId BOB =
      DigitalId.selfSigned("bob@example.org", "Bob", KeyType.RSA_2048, Clock.systemUTC(), RANDOM);
  private static final byte[] CONTENT = ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: shapes\r\n\r\n"
      + "x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final String LABEL = "a label the tag covers";

  /** CONTENT as bare DER AuthEnvelopedData to Bob, AES-128-GCM with a nonce of {@code nonceBytes}. */
  private static byte[] sealed(int nonceBytes, Optional<String> authenticatedLabel) throws Exception {
    byte[] nonce = new byte[nonceBytes];
    RANDOM.nextBytes(nonce);
    AlgorithmParameters params = AlgorithmParameters.getInstance("GCM", AlgorithmRegistry.bc());
    params.init(new GCMParameters(nonce, 16).getEncoded());
    CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(BOB.certificate()));
    authenticatedLabel.ifPresent(label -> generator.setAuthenticatedAttributeGenerator(parameters -> {
      ASN1EncodableVector attributes = new ASN1EncodableVector();
      attributes.add(new Attribute(CMSAlgorithm.AES128_GCM, new DERSet(new DERUTF8String(label))));
      return new AttributeTable(attributes);
    }));
    var encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_GCM).setAlgorithmParameters(params)
        .setProvider(AlgorithmRegistry.bc()).build();
    return generator.generate(new CMSProcessableByteArray(CONTENT), encryptor).getEncoded();
  }

  private static byte[] decrypted(byte[] message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().read(new ByteArrayInputStream(message), ReadOptions.decrypt(List.of(BOB)), out);
    return out.toByteArray();
  }

  /** {@code message} with the first occurrence of {@code from} replaced by {@code to}, of the same length. */
  private static byte[] replaced(byte[] message, String from, String to) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    assertThat(text).contains(from);
    return text.replaceFirst(from, to).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aSixteenByteNonceDecrypts() throws Exception {
    assertThat(decrypted(sealed(16, Optional.empty()))).endsWith(CONTENT);
  }

  @Test
  void anEightByteNonceDecrypts() throws Exception {
    assertThat(decrypted(sealed(8, Optional.empty()))).endsWith(CONTENT);
  }

  @Test
  void authenticatedAttributesAfterTheContentDecrypt() throws Exception {
    assertThat(decrypted(sealed(12, Optional.of(LABEL)))).endsWith(CONTENT);
  }

  @Test
  void aChangedAuthenticatedAttributeFailsTheTag() throws Exception {
    byte[] altered = replaced(sealed(12, Optional.of(LABEL)), LABEL, LABEL.toUpperCase(Locale.ROOT));
    assertThatThrownBy(() -> decrypted(altered)).isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void aChangedAuthenticatedAttributeFailsTheTagUnderASixteenByteNonce() throws Exception {
    byte[] altered = replaced(sealed(16, Optional.of(LABEL)), LABEL, LABEL.toUpperCase(Locale.ROOT));
    assertThatThrownBy(() -> decrypted(altered)).isInstanceOf(DecryptionFailedException.class);
  }
}
