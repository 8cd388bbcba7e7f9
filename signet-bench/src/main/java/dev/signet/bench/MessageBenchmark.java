package dev.signet.bench;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whole messages through the public engine API, in memory, output discarded. Scores are messages
 * per second; multiply by {@code size} for bytes per second. Sizes are 4 KiB, 1 MiB and 64 MiB;
 * leave the slow 64 MiB cases out with {@code -p size=4096,1048576}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageBenchmark {
  private static final Smime SMIME = Smime.withDefaults();

  /** A message, and the same message clear-signed by a self-signed {@code signer}. */
  @State(Scope.Benchmark)
  public static class Signed {
    @Param({"4096", "1048576", "67108864"})
    int size;

    @Param({"rsa2048", "ec-p256", "ed25519"})
    String signer;

    byte[] plain;
    byte[] signed;
    SignOptions signOptions;
    ReadOptions verifyOptions;

    @Setup
    public void setUp() throws IOException {
      DigitalId alice = Ids.selfSigned("alice@example.org", "Alice", signer);
      plain = Messages.base64Message(size);
      signOptions = SignOptions.defaults(alice);
      verifyOptions = ReadOptions.verify(List.of(alice.certificate()));
      signed = Fixtures.sign(SMIME, plain, signOptions);
      Fixtures.requireValid(SMIME, signed, verifyOptions);
    }
  }

  /** A message, and the same message encrypted with {@code cipher} to a {@code recipient} key. */
  @State(Scope.Benchmark)
  public static class Encrypted {
    @Param({"4096", "1048576", "67108864"})
    int size;

    @Param({"AES_128_GCM", "AES_256_GCM", "AES_256_CBC"})
    ContentCipher cipher;

    @Param({"rsa2048", "ec-p256"})
    String recipient;

    byte[] plain;
    byte[] encrypted;
    EncryptOptions encryptOptions;
    ReadOptions decryptOptions;

    @Setup
    public void setUp() throws IOException {
      DigitalId bob = Ids.selfSigned("bob@example.org", "Bob", recipient);
      plain = Messages.base64Message(size);
      encryptOptions = EncryptOptions.defaults(List.of(bob.certificate())).withCipher(cipher);
      decryptOptions = ReadOptions.decrypt(List.of(bob));
      encrypted = Fixtures.encrypt(SMIME, plain, encryptOptions);
      Fixtures.requireValid(SMIME, encrypted, decryptOptions);
    }
  }

  /**
   * A message, and the same message signed by {@code signer} and then encrypted with the default
   * cipher to an EC P-256 recipient.
   */
  @State(Scope.Benchmark)
  public static class SignedThenEncrypted {
    @Param({"4096", "1048576", "67108864"})
    int size;

    @Param({"rsa2048", "ec-p256", "ed25519"})
    String signer;

    byte[] plain;
    byte[] protectedMessage;
    SignOptions signOptions;
    EncryptOptions encryptOptions;
    ReadOptions readOptions;

    @Setup
    public void setUp() throws IOException {
      DigitalId alice = Ids.selfSigned("alice@example.org", "Alice", signer);
      DigitalId bob = Ids.selfSigned("bob@example.org", "Bob", "ec-p256");
      plain = Messages.base64Message(size);
      signOptions = SignOptions.defaults(alice);
      encryptOptions = EncryptOptions.defaults(List.of(bob.certificate()));
      readOptions = ReadOptions.readAll(List.of(bob), List.of(alice.certificate()));
      protectedMessage = Fixtures.encrypt(SMIME, Fixtures.sign(SMIME, plain, signOptions), encryptOptions);
      Fixtures.requireValid(SMIME, protectedMessage, readOptions);
    }
  }

  @Benchmark
  public void sign(Signed s) throws IOException {
    SMIME.sign(new ByteArrayInputStream(s.plain), s.signOptions, OutputStream.nullOutputStream());
  }

  @Benchmark
  public SecurityReport verify(Signed s) throws IOException {
    return SMIME.read(new ByteArrayInputStream(s.signed), s.verifyOptions, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void encrypt(Encrypted s) throws IOException {
    SMIME.encrypt(new ByteArrayInputStream(s.plain), s.encryptOptions, OutputStream.nullOutputStream());
  }

  @Benchmark
  public SecurityReport decrypt(Encrypted s) throws IOException {
    return SMIME.read(new ByteArrayInputStream(s.encrypted), s.decryptOptions, OutputStream.nullOutputStream());
  }

  /** The API has no one-pass sign-and-encrypt: the signed message is staged in memory in between. */
  @Benchmark
  public void signThenEncrypt(SignedThenEncrypted s) throws IOException {
    byte[] signed = Fixtures.sign(SMIME, s.plain, s.signOptions);
    SMIME.encrypt(new ByteArrayInputStream(signed), s.encryptOptions, OutputStream.nullOutputStream());
  }

  @Benchmark
  public SecurityReport decryptAndVerify(SignedThenEncrypted s) throws IOException {
    return SMIME.read(new ByteArrayInputStream(s.protectedMessage), s.readOptions, OutputStream.nullOutputStream());
  }
}
