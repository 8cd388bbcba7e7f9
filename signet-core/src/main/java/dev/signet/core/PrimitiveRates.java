package dev.signet.core;

import dev.signet.core.internal.AlgorithmRegistry;
import dev.signet.core.internal.PostQuantum;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw rates of the primitives the engine uses, through the same providers the algorithm
 * registry chooses: what a whole S/MIME operation is measured against.
 */
public final class PrimitiveRates {
  private static final int BLOCK = 1 << 20;
  private final Duration each;
  private final SecureRandom random = new SecureRandom();

  public PrimitiveRates(Duration each) {
    this.each = each;
  }

  /** Megabytes (10^6 bytes) per second hashed, over messages of {@code size} bytes. */
  public double digest(DigestAlgorithm digest, int size) {
    java.security.MessageDigest md = newDigest(digest);
    byte[] message = new byte[size];
    return megabytesPerSecond(size, () -> {
      for (int off = 0; off < size; off += BLOCK) {
        md.update(message, off, Math.min(BLOCK, size - off));
      }
      md.digest();
    });
  }

  /**
   * Megabytes per second through the content cipher, over messages of {@code size} bytes. GCM
   * decryption is measured as the engine runs it: the JDK's GCM cipher holds a whole message before
   * it releases any, so the engine runs one CTR pass and one GCM encryption pass instead.
   */
  public double cipher(ContentCipher cipher, boolean decrypt, int size) {
    try {
      byte[] key = new byte[cipher.keyBits() / 8];
      random.nextBytes(key);
      SecretKeySpec spec = new SecretKeySpec(key, "AES");
      byte[] message = new byte[size];
      byte[] out = new byte[BLOCK + 32];
      Cipher c = Cipher.getInstance(cipher.authenticated() ? "AES/GCM/NoPadding" : "AES/CBC/NoPadding");
      int mode = decrypt && !cipher.authenticated() ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE;
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      boolean gcmDecrypt = decrypt && cipher.authenticated();
      int whole = size / 16 * 16;
      return megabytesPerSecond(size, () -> {
        byte[] iv = new byte[cipher.authenticated() ? 12 : 16];
        random.nextBytes(iv);
        c.init(mode, spec, cipher.authenticated() ? new GCMParameterSpec(128, iv) : new IvParameterSpec(iv));
        if (gcmDecrypt) {
          ctr.init(Cipher.DECRYPT_MODE, spec, new IvParameterSpec(java.util.Arrays.copyOf(iv, 16)));
        }
        for (int off = 0; off < whole; off += BLOCK) {
          int n = Math.min(BLOCK, whole - off);
          if (gcmDecrypt) {
            ctr.update(message, off, n, out, 0);
          }
          c.update(message, off, n, out, 0);
        }
        if (mode == Cipher.ENCRYPT_MODE) {
          c.doFinal();
        }
      });
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + cipher.displayName(), e);
    }
  }

  /** Signatures per second over a signed-attributes-sized input. */
  public double signatures(DigitalId id, SignatureScheme scheme) {
    try {
      DigestAlgorithm d = AlgorithmRegistry.signingDigest(id.privateKey(), DigestAlgorithm.SHA_256);
      Signature s = Signature.getInstance(AlgorithmRegistry.signatureName(id.privateKey(), d, scheme),
          AlgorithmRegistry.signingProvider(id.privateKey(), scheme));
      byte[] attributes = new byte[200];
      return perSecond(() -> {
        s.initSign(id.privateKey(), random);
        s.update(attributes);
        s.sign();
      });
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifications per second. */
  public double verifications(DigitalId id, SignatureScheme scheme) {
    try {
      DigestAlgorithm d = AlgorithmRegistry.signingDigest(id.privateKey(), DigestAlgorithm.SHA_256);
      String name = AlgorithmRegistry.signatureName(id.privateKey(), d, scheme);
      Signature s = Signature.getInstance(name, AlgorithmRegistry.signingProvider(id.privateKey(), scheme));
      byte[] attributes = new byte[200];
      s.initSign(id.privateKey(), random);
      s.update(attributes);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(name, AlgorithmRegistry.bc());
      return perSecond(() -> {
        v.initVerify(PostQuantum.usable(id.certificate().getPublicKey()));
        v.update(attributes);
        if (!v.verify(sig)) {
          throw new IllegalStateException("a signature made here does not verify");
        }
      });
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Content keys sent to this recipient per second (RSA public operation, ephemeral ECDH, or ML-KEM encapsulation). */
  public double keyWraps(DigitalId recipient) {
    try {
      var key = recipient.certificate().getPublicKey();
      if (PostQuantum.of(key).isPresent()) {
        return perSecond(() -> PostQuantum.encapsulate(key, random));
      }
      if (key instanceof RSAPublicKey) {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        return perSecond(() -> {
          rsa.init(Cipher.ENCRYPT_MODE, key, random);
          rsa.doFinal(new byte[16]);
        });
      }
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", AlgorithmRegistry.bc());
      gen.initialize(((ECPublicKey) key).getParams(), random);
      KeyAgreement ka = KeyAgreement.getInstance("ECDH", AlgorithmRegistry.bc());
      return perSecond(() -> {
        ka.init(gen.generateKeyPair().getPrivate());
        ka.doPhase(key, true);
        ka.generateSecret();
      });
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Content keys recovered per second (RSA private operation, ECDH, or ML-KEM decapsulation). */
  public double keyUnwraps(DigitalId recipient) {
    try {
      var key = recipient.certificate().getPublicKey();
      if (PostQuantum.of(key).isPresent()) {
        byte[] encapsulation = PostQuantum.encapsulate(key, random);
        return perSecond(() -> PostQuantum.decapsulate(recipient.privateKey(), encapsulation));
      }
      if (key instanceof RSAPublicKey) {
        Cipher enc = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        enc.init(Cipher.ENCRYPT_MODE, key, random);
        byte[] wrapped = enc.doFinal(new byte[16]);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        return perSecond(() -> {
          rsa.init(Cipher.DECRYPT_MODE, recipient.privateKey());
          rsa.doFinal(wrapped);
        });
      }
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", AlgorithmRegistry.bc());
      gen.initialize(((ECPublicKey) key).getParams(), random);
      var peer = gen.generateKeyPair().getPublic();
      KeyAgreement ka = KeyAgreement.getInstance("ECDH", AlgorithmRegistry.bc());
      return perSecond(() -> {
        ka.init(recipient.privateKey());
        ka.doPhase(peer, true);
        ka.generateSecret();
      });
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.security.MessageDigest newDigest(DigestAlgorithm digest) {
    try {
      return java.security.MessageDigest.getInstance(digest.jcaName());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Step {
    void run() throws GeneralSecurityException;
  }

  /** Warms the step up for half the time, then counts its runs for the whole time. */
  private double perSecond(Step step) throws GeneralSecurityException {
    long warmEnd = System.nanoTime() + each.toNanos() / 2;
    int warm = 0;
    do {
      step.run();
      warm++;
    } while (System.nanoTime() < warmEnd || warm < 3);
    long start = System.nanoTime();
    long n = 0;
    do {
      step.run();
      n++;
    } while (System.nanoTime() - start < each.toNanos());
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private double megabytesPerSecond(int size, Step message) {
    try {
      return perSecond(message) * size / 1e6;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
