package dev.signet.core;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JIT to compile what decrypting a large message runs on, the JDK's AES-CTR, AES-GCM and
 * base64 decoder, before the message needs them. Their AES, GHASH and base64 intrinsics apply only once
 * the calling methods are compiled by C2, and a message read in large chunks makes too few calls for
 * that: in a short process it would be decrypted as plain Java, at a tenth of the speed, for its first
 * hundreds of megabytes. Many small calls on the spare core, while a digital ID is being unlocked, get
 * the compilation done first.
 */
public final class DecryptionWarmUp {
  /**
   * Twice the 512 bytes from which the JDK's GCM takes its combined AES and GHASH intrinsic. The lengths
   * vary just under it to leave partial blocks, as a message's reads do: code compiled without ever
   * seeing one would be thrown back to the interpreter by the first.
   */
  private static final int SIZE = 1024;
  private static final int BATCH = 500;
  /**
   * A call of each cipher takes about 16 microseconds interpreted, 2 with only part of the path compiled,
   * and 0.4 to 0.8 once the intrinsics are in.
   */
  private static final long FAST_CIPHER_NANOS = 1_000;
  /**
   * A kibibyte of text takes the decoder about 0.6 microseconds compiled as Java and 0.02 to 0.05 with its
   * vector intrinsic, which it gets only once its own method is compiled by C2: a few hundred milliseconds
   * after the ciphers are fast, and until then a large message's text would be decoded at a tenth of the speed.
   */
  private static final long FAST_DECODER_NANOS = 200;
  private static final Duration LIMIT = Duration.ofSeconds(3);

  private DecryptionWarmUp() {}

  /** Starts warming up in the background; the thread never delays the process's exit. */
  public static void start() {
    Thread thread = new Thread(() -> warm(LIMIT), "signet-decryption-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs the decoder and the ciphers in batches of small calls until a batch of each runs at the speed
   * of its intrinsics or {@code limit} has passed (a JVM without them never gets there); says whether it
   * got there.
   */
  static boolean warm(Duration limit) {
    try {
      SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(new byte[16]));
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, new byte[12]));
      Base64.Decoder decoder = Base64.getDecoder();
      byte[] text = Base64.getEncoder().encode(new byte[SIZE * 3 / 4]);
      byte[] in = new byte[SIZE + 16];
      byte[] out = new byte[SIZE + 16];
      long end = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
          decoder.decode(text, in);
        }
        long decoded = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
          int length = ctr.update(in, 0, SIZE - i % 17, out, 0);
          gcm.update(out, 0, length, in, 0);
        }
        long decoderNanos = (decoded - start) / BATCH;
        long cipherNanos = (System.nanoTime() - decoded) / BATCH;
        if (decoderNanos < FAST_DECODER_NANOS && cipherNanos < FAST_CIPHER_NANOS) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      return false; // a JDK without AES-CTR or AES-GCM: decryption will say so itself
    }
  }
}
