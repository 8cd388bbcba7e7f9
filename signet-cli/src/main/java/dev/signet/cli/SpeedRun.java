package dev.signet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.PrimitiveRates;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignOptions;
import dev.signet.core.SignatureScheme;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements behind {@code signet speed}: whole messages through the engine, in memory, each
 * beside the rate its primitives alone allow (bulk cipher or digest time plus the public-key
 * operations), so that the cost of everything else shows.
 */
final class SpeedRun {
  private static final String FROM = "alice@example.org";
  private final double seconds;
  private final List<Integer> sizes;
  private final List<String> only;
  private final PrintStream progress;
  private final SecureRandom random = new SecureRandom();
  private final Smime smime = Smime.withDefaults();
  private final PrimitiveRates primitives;
  private final Map<KeyType, DigitalId> ids = new EnumMap<>(KeyType.class);
  private final Map<String, Double> primitiveCache = new LinkedHashMap<>();

  record Result(String op, String suite, int size, double messagesPerSecond, double megabytesPerSecond,
      double primitiveMegabytesPerSecond) {}

  SpeedRun(double seconds, List<Integer> sizes, List<String> only, PrintStream progress) {
    this.seconds = seconds;
    this.sizes = sizes;
    this.only = only;
    this.progress = progress;
    this.primitives = new PrimitiveRates(Duration.ofMillis((long) (seconds * 500)));
  }

  List<Result> all() throws IOException {
    List<KeyType> signers = List.of(KeyType.RSA_2048, KeyType.RSA_3072, KeyType.EC_P256, KeyType.ED25519,
        KeyType.ML_DSA_65);
    List<KeyType> recipients = List.of(KeyType.RSA_2048, KeyType.EC_P256);
    List<KeyType> encryptionOnly = List.of(KeyType.ML_KEM_768);
    List<ContentCipher> ciphers = List.of(ContentCipher.AES_128_GCM, ContentCipher.AES_256_GCM, ContentCipher.AES_256_CBC);
    warmUp();
    List<Result> results = new ArrayList<>();
    for (int size : sizes) {
      byte[] message = message(size);
      for (KeyType signer : signers) {
        byte[] signed = sign(message, id(signer));
        add(results, "sign", signer.cliName(), size, () -> sign(message, id(signer), OutputStream.nullOutputStream()), signPrimitive(signer, size));
        add(results, "verify", signer.cliName(), size, () -> verify(signed, id(signer)), verifyPrimitive(signer, size));
      }
      for (ContentCipher cipher : ciphers) {
        for (KeyType recipient : concat(recipients, encryptionOnly)) {
          String suite = name(cipher) + "/" + recipient.cliName();
          byte[] encrypted = encrypt(message, id(recipient), cipher);
          add(results, "encrypt", suite, size, () -> encrypt(message, id(recipient), cipher, OutputStream.nullOutputStream()),
              bulk(cipher, false, size, 1 / rate("wrap " + recipient, () -> primitives.keyWraps(id(recipient)))));
          add(results, "decrypt", suite, size, () -> decrypt(encrypted, id(recipient)),
              bulk(cipher, true, size, 1 / rate("unwrap " + recipient, () -> primitives.keyUnwraps(id(recipient)))));
        }
      }
      for (KeyType both : recipients) {
        ContentCipher cipher = ContentCipher.AES_128_GCM;
        String suite = both.cliName() + "+" + name(cipher) + "/" + both.cliName();
        byte[] protectedMessage = encrypt(sign(message, id(both)), id(both), cipher);
        double asym = 1 / rate("sign " + both, () -> primitives.signatures(id(both), SignatureScheme.RSA_PKCS1_V1_5))
            + 1 / rate("wrap " + both, () -> primitives.keyWraps(id(both)));
        double asymRead = 1 / rate("verify " + both, () -> primitives.verifications(id(both), SignatureScheme.RSA_PKCS1_V1_5))
            + 1 / rate("unwrap " + both, () -> primitives.keyUnwraps(id(both)));
        add(results, "sign+encrypt", suite, size, () -> encrypt(sign(message, id(both)), id(both), cipher, OutputStream.nullOutputStream()),
            combined(cipher, false, size, asym));
        add(results, "decrypt+verify", suite, size, () -> readAll(protectedMessage, id(both)),
            combined(cipher, true, size, asymRead));
      }
    }
    return results;
  }

  /** Writes the messages of every size and the RSA-2048 and P-256 digital IDs into {@code dir}. */
  void export(java.nio.file.Path dir, char[] password) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    for (int size : sizes) {
      java.nio.file.Files.write(dir.resolve("message-" + size + ".eml"), message(size));
    }
    for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256)) {
      try (OutputStream out = java.nio.file.Files.newOutputStream(dir.resolve(type.cliName() + ".p12"))) {
        id(type).writePkcs12(out, password, random);
      }
    }
  }

  private interface Operation {
    void run() throws IOException;
  }

  private void add(List<Result> results, String op, String suite, int size, Operation operation, double primitive)
      throws IOException {
    if (!only.isEmpty() && !only.contains(op)) {
      return;
    }
    progress.printf("signet speed: %s %s %s...%n", op, suite, human(size));
    operation.run();
    long start = System.nanoTime();
    long n = 0;
    do {
      operation.run();
      n++;
    } while (System.nanoTime() - start < seconds * 1e9);
    double perSecond = n / ((System.nanoTime() - start) / 1e9);
    results.add(new Result(op, suite, size, perSecond, perSecond * size / 1e6, primitive));
  }

  /** The JIT compiles the hot paths (and their intrinsics) before anything is timed. */
  private void warmUp() throws IOException {
    progress.println("signet speed: warming up...");
    byte[] message = message(1 << 20);
    long end = System.nanoTime() + (long) (Math.max(2, seconds * 2) * 1e9);
    while (System.nanoTime() < end) {
      byte[] signed = sign(message, id(KeyType.EC_P256));
      verify(signed, id(KeyType.EC_P256));
      decrypt(encrypt(signed, id(KeyType.EC_P256), ContentCipher.AES_128_GCM), id(KeyType.EC_P256));
      decrypt(encrypt(signed, id(KeyType.EC_P256), ContentCipher.AES_256_CBC), id(KeyType.EC_P256));
    }
  }

  private static List<KeyType> concat(List<KeyType> a, List<KeyType> b) {
    List<KeyType> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** SHA-512 for Ed25519 (RFC 8419) and ML-DSA (what Signet signs with, RFC 9882); else SHA-256. */
  private static DigestAlgorithm digestOf(KeyType signer) {
    return signer == KeyType.ED25519 || signer == KeyType.ML_DSA_65 ? DigestAlgorithm.SHA_512 : DigestAlgorithm.SHA_256;
  }

  private double signPrimitive(KeyType signer, int size) {
    DigestAlgorithm d = digestOf(signer);
    double digest = rate("digest " + d + " " + size, () -> primitives.digest(d, size));
    double sign = rate("sign " + signer, () -> primitives.signatures(id(signer), SignatureScheme.RSA_PKCS1_V1_5));
    return size / 1e6 / (size / 1e6 / digest + 1 / sign);
  }

  private double verifyPrimitive(KeyType signer, int size) {
    DigestAlgorithm d = digestOf(signer);
    double digest = rate("digest " + d + " " + size, () -> primitives.digest(d, size));
    double verify = rate("verify " + signer, () -> primitives.verifications(id(signer), SignatureScheme.RSA_PKCS1_V1_5));
    return size / 1e6 / (size / 1e6 / digest + 1 / verify);
  }

  private double bulk(ContentCipher cipher, boolean decrypt, int size, double asymSeconds) {
    double mbps = cipherRate(cipher, decrypt, size);
    return size / 1e6 / (size / 1e6 / mbps + asymSeconds);
  }

  private double combined(ContentCipher cipher, boolean decrypt, int size, double asymSeconds) {
    double mbps = cipherRate(cipher, decrypt, size);
    double digest = rate("digest SHA-256 " + size, () -> primitives.digest(DigestAlgorithm.SHA_256, size));
    return size / 1e6 / (size / 1e6 / mbps + size / 1e6 / digest + asymSeconds);
  }

  private double cipherRate(ContentCipher cipher, boolean decrypt, int size) {
    String key = name(cipher) + (decrypt ? " decrypt " : " encrypt ") + size;
    return rate(key, () -> primitives.cipher(cipher, decrypt, size));
  }

  private double rate(String key, java.util.function.DoubleSupplier measure) {
    return primitiveCache.computeIfAbsent(key, k -> measure.getAsDouble());
  }

  /** A self-signed ID; an ML-KEM one is issued by the ML-DSA-65 ID, as {@code id new} pairs them. */
  private DigitalId id(KeyType type) {
    if (type.isKem()) {
      DigitalId signing = id(KeyType.ML_DSA_65);
      return ids.computeIfAbsent(type, t -> DigitalId.encryptionPartner(signing, t, Clock.systemUTC(), random));
    }
    return ids.computeIfAbsent(type, t -> DigitalId.selfSigned(FROM, "Speed " + t.cliName(), t, Clock.systemUTC(), random));
  }

  /** Signs into memory, sized so the buffer never grows (a timed copy would not be the engine's). */
  private byte[] sign(byte[] message, DigitalId signer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 10 + 16384);
    sign(message, signer, out);
    return out.toByteArray();
  }

  private void sign(byte[] message, DigitalId signer, OutputStream out) throws IOException {
    smime.sign(new ByteArrayInputStream(message), SignOptions.defaults(signer), out);
  }

  private void verify(byte[] signed, DigitalId signer) throws IOException {
    check(smime.read(new ByteArrayInputStream(signed), ReadOptions.verify(List.of(signer.certificate())),
        OutputStream.nullOutputStream()).verdict());
  }

  private byte[] encrypt(byte[] message, DigitalId recipient, ContentCipher cipher) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 * 3 + 16384);
    encrypt(message, recipient, cipher, out);
    return out.toByteArray();
  }

  private void encrypt(byte[] message, DigitalId recipient, ContentCipher cipher, OutputStream out) throws IOException {
    smime.encrypt(new ByteArrayInputStream(message),
        EncryptOptions.defaults(List.of(recipient.certificate())).withCipher(cipher), out);
  }

  private void decrypt(byte[] encrypted, DigitalId recipient) throws IOException {
    smime.read(new ByteArrayInputStream(encrypted), ReadOptions.decrypt(List.of(recipient)),
        OutputStream.nullOutputStream());
  }

  private void readAll(byte[] message, DigitalId id) throws IOException {
    check(smime.read(new ByteArrayInputStream(message), ReadOptions.readAll(List.of(id), List.of(id.certificate())),
        OutputStream.nullOutputStream()).verdict());
  }

  private static void check(Verdict verdict) {
    if (verdict != Verdict.VALID) {
      throw new IllegalStateException("a message made for the measurement did not read as valid: " + verdict);
    }
  }

  /** An RFC 5322 message of exactly {@code size} bytes: headers and a base64 attachment body, reproducible. */
  byte[] message(int size) {
    String headers = "From: Alice <" + FROM + ">\r\nTo: bob@example.org\r\nSubject: speed\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    byte[] head = headers.getBytes(StandardCharsets.US_ASCII);
    byte[] raw = new byte[Math.max(0, (size - head.length) * 3 / 4)];
    new java.util.Random(size).nextBytes(raw); // the same message for a size, run after run
    byte[] body = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(raw);
    byte[] out = new byte[size];
    System.arraycopy(head, 0, out, 0, Math.min(head.length, size));
    int n = Math.min(body.length, size - head.length);
    if (n > 0) {
      System.arraycopy(body, 0, out, head.length, n);
    }
    for (int i = head.length + Math.max(n, 0); i < size; i++) {
      out[i] = (i == size - 2) ? (byte) '\r' : (i == size - 1) ? (byte) '\n' : (byte) 'A';
    }
    return out;
  }

  private static String name(ContentCipher cipher) {
    return cipher.displayName().toLowerCase(Locale.ROOT).replace("aes-", "aes").replace("-", "-");
  }

  static String human(int size) {
    return size >= 1 << 20 ? (size >> 20) + " MiB" : size >= 1 << 10 ? (size >> 10) + " KiB" : size + " B";
  }

  static String json(List<Result> results) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String table(List<Result> results) {
    StringBuilder b = new StringBuilder(String.format("%-15s %-30s %8s %12s %10s %10s %6s%n", "op", "suite", "size",
        "messages/s", "MB/s", "prim MB/s", "ratio"));
    for (Result r : results) {
      b.append(String.format(Locale.ROOT, "%-15s %-30s %8s %12.1f %10.1f %10.1f %5.0f%%%n", r.op(), r.suite(),
          human(r.size()), r.messagesPerSecond(), r.megabytesPerSecond(), r.primitiveMegabytesPerSecond(),
          100 * r.megabytesPerSecond() / r.primitiveMegabytesPerSecond()));
    }
    return b.toString();
  }
}
