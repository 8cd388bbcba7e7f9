package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyType;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The verbs people run most, run on files in a throwaway folder for the launcher's ahead-of-time caches: the
 * JVM records the classes they load, so that later runs start with them loaded and linked. A cache loads
 * every class it holds at start-up, so {@code verify}, {@code decrypt} and {@code read} get one each, trained on
 * that verb alone; the other verbs share one trained on the self-test, verify, encrypt, and sign and decrypt
 * with a digital ID file. The files they run on are made first, by a JVM of their own, so that
 * what makes them (key generation, signing, encryption) stays out of the lean caches. A throwaway store and
 * agent folder keep it away from the person's own.
 */
final class TrainingRun {
  /** What a training run runs. */
  enum Course {
    /** Makes the files the other courses run on: an ID and signed and encrypted messages. */
    FIXTURES,
    /** {@code verify} of one message, with and without --json, and of a batch. */
    VERIFY,
    /** {@code decrypt} with an ID file. */
    DECRYPT,
    /** {@code read} with an ID file of a message signed and then encrypted, and of one signed. */
    READ,
    /** The self-test, then the verify course, {@code encrypt}, and {@code sign} and {@code decrypt} with an ID file. */
    COMMON
  }

  /** Enough copies for the signature check's arithmetic to run hot, as it does in a batch. */
  private static final int BATCH = 200;
  private static final String PASSWORD = "training";
  /** As many as OpenSSL's PKCS#12 files have: unlocking loads the same classes, in a fraction of the time. */
  private static final int ITERATIONS = 2048;

  private final Path folder;
  private final Path fixtures;
  private final Terminal quiet;
  private final PrintStream log;
  private final Course course;

  private TrainingRun(Path folder, Path fixtures, Course course, PrintStream log) {
    this.folder = folder;
    this.fixtures = fixtures;
    this.course = course;
    this.log = log;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    this.quiet = new Terminal(InputStream.nullInputStream(), discard, discard,
        Map.of("SIGNET_STORE", folder.resolve("store").toString(),
            "XDG_RUNTIME_DIR", folder.resolve("run").toString(), "SIGNET_PASSWORD", PASSWORD),
        Optional.empty(), folder.resolve("no-machine-policy"));
  }

  /**
   * Runs the course on the files in {@code fixtures} (which {@link Course#FIXTURES} makes there), its own files in
   * a folder made in {@code parent} and removed afterwards; says on {@code log} which verbs did not exit 0.
   */
  static void run(Path parent, Course course, Path fixtures, PrintStream log) throws IOException {
    if (course == Course.FIXTURES) {
      makeFixtures(fixtures);
      return;
    }
    Path folder = Files.createTempDirectory(parent, "signet-training");
    try {
      new TrainingRun(folder, fixtures, course, log).verbs();
    } finally {
      try (Stream<Path> all = Files.walk(folder)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** An RSA-2048 ID (certificate and PKCS#12 file), and a message signed, encrypted, and signed then encrypted. */
  static void makeFixtures(Path fixtures) throws IOException {
    byte[] message = ("From: training@example.org\r\nTo: training@example.org\r\nSubject: training\r\n\r\n"
        + "A line of a training message.\r\n".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    DigitalId id = DigitalId.selfSigned("training@example.org", "Training", KeyType.RSA_2048, Clock.systemUTC(),
        new SecureRandom());
    Files.writeString(fixtures.resolve("id.pem"), Certificates.pem(id.certificate()));
    try (OutputStream p12 = Files.newOutputStream(fixtures.resolve("id.p12"))) {
      id.writePkcs12(p12, PASSWORD.toCharArray(), ITERATIONS, new SecureRandom());
    }
    Smime smime = Smime.withDefaults();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    smime.sign(new ByteArrayInputStream(message), SignOptions.defaults(id), signed);
    Files.write(fixtures.resolve("signed.eml"), signed.toByteArray());
    EncryptOptions toId = EncryptOptions.defaults(List.of(id.certificate()));
    try (OutputStream out = Files.newOutputStream(fixtures.resolve("encrypted.eml"))) {
      smime.encrypt(new ByteArrayInputStream(message), toId, out);
    }
    try (OutputStream out = Files.newOutputStream(fixtures.resolve("signed-encrypted.eml"))) {
      smime.encrypt(new ByteArrayInputStream(signed.toByteArray()), toId, out);
    }
  }

  private void verbs() throws IOException {
    switch (course) {
      case VERIFY -> verifyCourse();
      case DECRYPT -> decrypt();
      case READ -> readCourse();
      case COMMON -> commonCourse();
      default -> throw new IllegalStateException(course + " runs no verbs");
    }
  }

  private void commonCourse() throws IOException {
    verb("selftest");
    verifyCourse();
    verb("encrypt", "--to", fixture("id.pem"), "--in", fixture("signed.eml"), "--out", file("encrypted.eml"));
    verb("sign", "--id", fixture("id.p12"), "--in", fixture("signed.eml"), "--out", file("signed-twice.eml"));
    decrypt();
  }

  private void verifyCourse() throws IOException {
    verb("verify", "--trust", fixture("id.pem"), "--in", fixture("signed.eml"));
    verb("verify", "--json", "--trust", fixture("id.pem"), "--in", fixture("signed.eml"));
    List<String> batch = new ArrayList<>(List.of("verify", "--trust", fixture("id.pem")));
    for (int i = 0; i < BATCH; i++) {
      batch.add(Files.copy(fixtures.resolve("signed.eml"), folder.resolve("copy-" + i + ".eml")).toString());
    }
    verb(batch.toArray(String[]::new));
  }

  private void readCourse() {
    verb("read", "--id", fixture("id.p12"), "--trust", fixture("id.pem"), "--in", fixture("signed-encrypted.eml"),
        "--out", file("read.eml"));
    verb("read", "--trust", fixture("id.pem"), "--in", fixture("signed.eml"), "--out", file("read-signed.eml"));
  }

  private void decrypt() {
    verb("decrypt", "--id", fixture("id.p12"), "--in", fixture("encrypted.eml"), "--out", file("decrypted.eml"));
  }

  private String fixture(String name) {
    return fixtures.resolve(name).toString();
  }

  private String file(String name) {
    return folder.resolve(name).toString();
  }

  private void verb(String... args) {
    int code = Cli.run(args, quiet);
    if (code != Cli.OK) {
      log.println("signet train: " + args[0] + " exited " + code);
    }
  }
}
