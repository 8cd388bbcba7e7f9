package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.modes.gcm.BasicGCMExponentiator;
import org.bouncycastle.crypto.modes.gcm.GCMUtil;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * AES-GCM decryption at the speed of the JDK's intrinsics, streaming in bounded memory.
 *
 * <p>The JDK's GCM cipher holds all ciphertext until the tag is checked. Instead, the ciphertext
 * is decrypted with AES-CTR (GCM's keystream starts at counter 2 after a 12-byte nonce), and the
 * plaintext is encrypted again by a fresh GCM cipher, which regenerates the ciphertext and computes
 * its tag. AuthEnvelopedData puts authenticated attributes after the content, so the tag is first
 * computed without them and corrected at the end in GF(2^128) (GHASH is linear). Plaintext is
 * released before the tag is known: callers stage it.
 */
final class IntrinsicGcmDecryptor implements InputAEADDecryptor {
  private static final int CHUNK = 64 * 1024;
  private final AlgorithmIdentifier algorithm;
  private final SecretKeySpec key;
  private final byte[] nonce;
  private final int tagLength;
  private final Cipher ctr;
  private final Cipher regenerate;
  private final java.io.ByteArrayOutputStream aad = new java.io.ByteArrayOutputStream();

  /** Whether this decryptor handles {@code algorithm}: AES-GCM with a 12-byte nonce. */
  static boolean handles(AlgorithmIdentifier algorithm) {
    return GCMParameters.getInstance(algorithm.getParameters()).getNonce().length == 12;
  }

  IntrinsicGcmDecryptor(AlgorithmIdentifier algorithm, java.security.Key secret) {
    this.algorithm = algorithm;
    GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
    this.key = new SecretKeySpec(secret.getEncoded(), "AES");
    this.nonce = params.getNonce();
    this.tagLength = params.getIcvLen();
    try {
      byte[] counter2 = counterBlock(2);
      ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counter2));
      regenerate = Cipher.getInstance("AES/GCM/NoPadding");
      regenerate.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-CTR or AES-GCM", e);
    }
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getAADStream() {
    return aad;
  }

  @Override
  public byte[] getMAC() {
    return new byte[0];
  }

  @Override
  public InputStream getInputStream(InputStream ciphertextAndTag) {
    return new Decrypting(ciphertextAndTag);
  }

  private byte[] counterBlock(int counter) {
    byte[] block = new byte[16];
    System.arraycopy(nonce, 0, block, 0, 12);
    block[12] = (byte) (counter >>> 24);
    block[13] = (byte) (counter >>> 16);
    block[14] = (byte) (counter >>> 8);
    block[15] = (byte) counter;
    return block;
  }

  /** Decrypts all but the trailing tag; checks the tag at the end of input. */
  private final class Decrypting extends BlockInputStream {
    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK + 16];
    private int held;
    private final byte[] plain = new byte[CHUNK + 32];
    private final byte[] scratch = new byte[CHUNK + 32];
    private int plainPos;
    private int plainLen;
    private long ciphertextBytes;
    private boolean finished;

    Decrypting(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (plainPos == plainLen) {
        if (finished) {
          return -1;
        }
        refill();
      }
      int n = Math.min(len, plainLen - plainPos);
      System.arraycopy(plain, plainPos, b, off, n);
      plainPos += n;
      return n;
    }

    private void refill() throws IOException {
      int r = in.read(chunk, held, CHUNK + tagLength - held);
      plainPos = 0;
      plainLen = 0;
      if (r < 0) {
        if (held != tagLength) {
          throw new StreamingGcmDecryptor.TagMismatchException();
        }
        verifyTag(java.util.Arrays.copyOf(chunk, tagLength));
        finished = true;
        return;
      }
      held += r;
      int ready = held - tagLength;
      if (ready <= 0) {
        return;
      }
      try {
        plainLen = ctr.update(chunk, 0, ready, plain, 0);
        regenerate.update(plain, 0, plainLen, scratch, 0);
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM decryption failed", e);
      }
      ciphertextBytes += ready;
      System.arraycopy(chunk, ready, chunk, 0, tagLength);
      held = tagLength;
    }

    private void verifyTag(byte[] received) throws IOException {
      byte[] tag;
      try {
        ctr.doFinal();
        byte[] tail = regenerate.doFinal();
        tag = java.util.Arrays.copyOfRange(tail, tail.length - 16, tail.length);
        if (aad.size() > 0) {
          tag = withLateAad(tag, aad.toByteArray(), ciphertextBytes);
        }
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM decryption failed", e);
      }
      if (!MessageDigest.isEqual(java.util.Arrays.copyOf(tag, tagLength), received)) {
        throw new StreamingGcmDecryptor.TagMismatchException();
      }
    }
  }

  /**
   * The tag over (A, C) from the tag over (empty, C): with n ciphertext blocks,
   * GHASH(A, C) = GHASH(-, C) + ((|A|, 0)) H + GHASH'(A) H^(n+1), where GHASH'(A) is the Horner
   * sum over A's blocks alone.
   */
  private byte[] withLateAad(byte[] tagWithoutAad, byte[] a, long ciphertextBytes) throws GeneralSecurityException {
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, key);
    byte[] h = ecb.doFinal(new byte[16]);
    byte[] ej0 = ecb.doFinal(counterBlock(1));
    byte[] g = xor(tagWithoutAad, ej0);
    byte[] lengths = new byte[16];
    long aBits = (long) a.length * 8;
    for (int i = 0; i < 8; i++) {
      lengths[i] = (byte) (aBits >>> (56 - 8 * i));
    }
    GCMUtil.multiply(lengths, h);
    g = xor(g, lengths);
    byte[] ga = new byte[16];
    for (int off = 0; off < a.length; off += 16) {
      byte[] block = new byte[16];
      System.arraycopy(a, off, block, 0, Math.min(16, a.length - off));
      ga = xor(ga, block);
      GCMUtil.multiply(ga, h);
    }
    long n = (ciphertextBytes + 15) / 16;
    byte[] hPower = new byte[16];
    BasicGCMExponentiator exp = new BasicGCMExponentiator();
    exp.init(h);
    exp.exponentiateX(n + 1, hPower);
    GCMUtil.multiply(ga, hPower);
    return xor(xor(g, ga), ej0);
  }

  private static byte[] xor(byte[] x, byte[] y) {
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      out[i] = (byte) (x[i] ^ y[i]);
    }
    return out;
  }
}
