package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.InputAEADDecryptor;

/** Both GCM decryptors agree with Bouncy Castle's reference GCM, with attributes after the content too. */
class GcmDecryptorsTest {

  private record Sealed(byte[] key, AlgorithmIdentifier alg, byte[] plain, byte[] aad, byte[] ciphertextAndTag) {}

  private static Sealed seal(int length, int aadLength, int tagBytes, long seed) throws Exception {
    Random random = new Random(seed);
    byte[] key = new byte[16];
    byte[] nonce = new byte[12];
    byte[] plain = new byte[length];
    byte[] aad = new byte[aadLength];
    random.nextBytes(key);
    random.nextBytes(nonce);
    random.nextBytes(plain);
    random.nextBytes(aad);
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(true, new AEADParameters(new KeyParameter(key), tagBytes * 8, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(length)];
    int n = gcm.processBytes(plain, 0, length, out, 0);
    gcm.doFinal(out, n);
    var alg = new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes128_GCM, new GCMParameters(nonce, tagBytes));
    return new Sealed(key, alg, plain, aad, out);
  }

  private static byte[] open(InputAEADDecryptor d, Sealed s, byte[] ciphertextAndTag) throws IOException {
    InputStream plain = d.getInputStream(new ByteArrayInputStream(ciphertextAndTag));
    d.getAADStream().write(s.aad());
    return plain.readAllBytes();
  }

  @Property(tries = 60)
  void theIntrinsicDecryptorRecoversThePlaintextWithOrWithoutLateAttributes(
      @ForAll @IntRange(max = 200_000) int length, @ForAll @IntRange(max = 70) int aadLength,
      @ForAll @IntRange(min = 12, max = 16) int tagBytes) throws Exception {
    Sealed s = seal(length, aadLength, tagBytes, length * 31L + aadLength);
    var d = new IntrinsicGcmDecryptor(s.alg(), new SecretKeySpec(s.key(), "AES"));
    assertThat(open(d, s, s.ciphertextAndTag())).isEqualTo(s.plain());
  }

  @Property(tries = 20)
  void theStreamingDecryptorRecoversThePlaintextWithOrWithoutLateAttributes(
      @ForAll @IntRange(max = 100_000) int length, @ForAll @IntRange(max = 70) int aadLength) throws Exception {
    Sealed s = seal(length, aadLength, 16, length * 17L + aadLength);
    var d = new StreamingGcmDecryptor(s.alg(), new SecretKeySpec(s.key(), "AES"));
    assertThat(open(d, s, s.ciphertextAndTag())).isEqualTo(s.plain());
  }

  @Property(tries = 30)
  void anyFlippedBitFailsTheTag(@ForAll @IntRange(min = 1, max = 100_000) int length,
      @ForAll @IntRange(max = 40) int aadLength, @ForAll @IntRange(min = 0, max = 1_000_000) int where) throws Exception {
    Sealed s = seal(length, aadLength, 16, where);
    byte[] tampered = s.ciphertextAndTag().clone();
    tampered[where % tampered.length] ^= 0x10;
    var d = new IntrinsicGcmDecryptor(s.alg(), new SecretKeySpec(s.key(), "AES"));
    assertThatThrownBy(() -> open(d, s, tampered)).isInstanceOf(StreamingGcmDecryptor.TagMismatchException.class);
  }

  @Property(tries = 10)
  void alteredAttributesFailTheTag(@ForAll @IntRange(min = 1, max = 5000) int length) throws Exception {
    Sealed s = seal(length, 20, 16, length);
    s.aad()[3] ^= 1;
    var d = new IntrinsicGcmDecryptor(s.alg(), new SecretKeySpec(s.key(), "AES"));
    assertThatThrownBy(() -> open(d, s, s.ciphertextAndTag())).isInstanceOf(StreamingGcmDecryptor.TagMismatchException.class);
  }
}
