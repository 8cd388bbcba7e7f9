package dev.signet.core;

import dev.signet.core.internal.DigitalIdCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A person's digital ID: a private key and its certificate chain, end entity first. Its
 * {@code toString} names the certificate, never the key.
 */
public final class DigitalId {
  private final List<X509Certificate> chain;
  private final Unlock unlock;
  private final Object unlocking = new Object();
  private PrivateKey privateKey;

  /** Opens a locked ID's private key: asks for its password and reads its key file. */
  @FunctionalInterface
  public interface Unlock {
    PrivateKey privateKey();
  }

  private DigitalId(PrivateKey privateKey, List<X509Certificate> chain, Unlock unlock) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a digital ID needs its certificate");
    }
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
    this.unlock = unlock;
  }

  public static DigitalId of(PrivateKey privateKey, List<X509Certificate> chain) {
    return new DigitalId(Objects.requireNonNull(privateKey, "privateKey"), chain, null);
  }

  /**
   * An ID whose private key is opened only when the engine first needs it: a store's IDs offered to
   * decrypt a message, of which at most the one the message is encrypted to asks for its password.
   */
  public static DigitalId locked(List<X509Certificate> chain, Unlock unlock) {
    return new DigitalId(null, chain, Objects.requireNonNull(unlock, "unlock"));
  }

  /**
   * Reads a PKCS#12 file.
   *
   * @throws KeyUnavailableException for a wrong password
   * @throws MalformedInputException if it is not PKCS#12 or holds no private key
   */
  public static DigitalId readPkcs12(InputStream in, char[] password) throws IOException {
    return DigitalIdCodec.read(in, password);
  }

  /**
   * A PKCS#12 file's bytes, to be read with {@link #readPkcs12(byte[], char[])}: at most 1 MiB (an ID with its
   * chain is a few kilobytes), a larger input refused unread past that.
   *
   * @throws MalformedInputException if it is larger
   */
  public static byte[] pkcs12Bytes(InputStream in) throws IOException {
    return DigitalIdCodec.readBytes(in);
  }

  /** As {@link #readPkcs12(InputStream, char[])}, from {@link #pkcs12Bytes}. */
  public static DigitalId readPkcs12(byte[] pkcs12, char[] password) {
    return DigitalIdCodec.read(pkcs12, password);
  }

  /** A self-signed digital ID for trying things out, valid for two years from now. */
  public static DigitalId selfSigned(String email, String name, KeyType keyType, Clock clock, SecureRandom random) {
    return DigitalIdCodec.selfSigned(email, name, keyType, clock, random);
  }

  /**
   * An encryption-only digital ID (ML-KEM) kept beside {@code signing}, whose key issues its
   * certificate: the pair is one person, who signs with the one and receives with the other.
   */
  public static DigitalId encryptionPartner(DigitalId signing, KeyType keyType, Clock clock, SecureRandom random) {
    return DigitalIdCodec.encryptionPartner(signing, keyType, clock, random);
  }

  /** Writes PKCS#12: keys and certificates under PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, HMAC-SHA256. */
  public void writePkcs12(OutputStream out, char[] password, SecureRandom random) throws IOException {
    DigitalIdCodec.write(this, out, password, DigitalIdCodec.DEFAULT_ITERATIONS, random);
  }

  /** As {@link #writePkcs12(OutputStream, char[], SecureRandom)} with a chosen PBKDF2 iteration count. */
  public void writePkcs12(OutputStream out, char[] password, int iterations, SecureRandom random) throws IOException {
    DigitalIdCodec.write(this, out, password, iterations, random);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  public List<X509Certificate> chain() {
    return chain;
  }

  /** The private key, for the engine's signing and decryption. */
  public PrivateKey privateKey() {
    synchronized (unlocking) {
      if (privateKey == null) {
        privateKey = Objects.requireNonNull(unlock.privateKey(), "unlocked key");
      }
      return privateKey;
    }
  }

  @Override
  public String toString() {
    return "DigitalId[" + Certificates.subject(certificate()) + ", serial "
        + certificate().getSerialNumber().toString(16) + "]";
  }
}
