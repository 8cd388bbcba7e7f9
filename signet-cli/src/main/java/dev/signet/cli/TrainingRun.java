package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
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
 * every class it holds at start-up, so {@code verify} gets one of its own, trained on verify alone; the
 * other verbs share one trained on the self-test, verify, encrypt, and sign and decrypt with a digital ID
 * file. A throwaway store and agent folder keep it away from the person's own.
 */
final class TrainingRun {
  /** What a training run runs. */
  enum Course {
    /** {@code verify} of one message, with and without --json, and of a batch. */
    VERIFY,
    /** The self-test, then the verify course, {@code encrypt}, and {@code sign} and {@code decrypt} with an ID file. */
    COMMON
  }

  /** Enough copies for the signature check's arithmetic to run hot, as it does in a batch. */
  private static final int BATCH = 200;
  private static final String PASSWORD = "training";
  /** As many as OpenSSL's PKCS#12 files have: unlocking loads the same classes, in a fraction of the time. */
  private static final int ITERATIONS = 2048;

  private final Path folder;
  private final Terminal quiet;
  private final PrintStream log;
  private final Course course;

  private TrainingRun(Path folder, Course course, PrintStream log) {
    this.folder = folder;
    this.course = course;
    this.log = log;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    this.quiet = new Terminal(InputStream.nullInputStream(), discard, discard,
        Map.of("SIGNET_STORE", folder.resolve("store").toString(),
            "XDG_RUNTIME_DIR", folder.resolve("run").toString(), "SIGNET_PASSWORD", PASSWORD),
        Optional.empty(), folder.resolve("no-machine-policy"));
  }

  /** Runs the verbs in a folder made in {@code parent} and removed afterwards; says on {@code log} which did not exit 0. */
  static void run(Path parent, Course course, PrintStream log) throws IOException {
    Path folder = Files.createTempDirectory(parent, "signet-training");
    try {
      new TrainingRun(folder, course, log).verbs();
    } finally {
      try (Stream<Path> all = Files.walk(folder)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void verbs() throws IOException {
    if (course == Course.COMMON) {
      verb("selftest");
    }
    byte[] message = ("From: training@example.org\r\nTo: training@example.org\r\nSubject: training\r\n\r\n"
        + "A line of a training message.\r\n".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    DigitalId id = DigitalId.selfSigned("training@example.org", "Training", KeyType.RSA_2048, Clock.systemUTC(),
        new SecureRandom());
    Files.writeString(folder.resolve("id.pem"), Certificates.pem(id.certificate()));
    try (OutputStream signed = Files.newOutputStream(folder.resolve("signed.eml"))) {
      Smime.withDefaults().sign(new ByteArrayInputStream(message), SignOptions.defaults(id), signed);
    }
    verb("verify", "--trust", file("id.pem"), "--in", file("signed.eml"));
    verb("verify", "--json", "--trust", file("id.pem"), "--in", file("signed.eml"));
    List<String> batch = new ArrayList<>(List.of("verify", "--trust", file("id.pem")));
    for (int i = 0; i < BATCH; i++) {
      batch.add(Files.copy(folder.resolve("signed.eml"), folder.resolve("copy-" + i + ".eml")).toString());
    }
    verb(batch.toArray(String[]::new));
    if (course == Course.COMMON) {
      verb("encrypt", "--to", file("id.pem"), "--in", file("signed.eml"), "--out", file("encrypted.eml"));
      try (OutputStream p12 = Files.newOutputStream(folder.resolve("id.p12"))) {
        id.writePkcs12(p12, PASSWORD.toCharArray(), ITERATIONS, new SecureRandom());
      }
      verb("sign", "--id", file("id.p12"), "--in", file("signed.eml"), "--out", file("signed-twice.eml"));
      verb("decrypt", "--id", file("id.p12"), "--in", file("encrypted.eml"), "--out", file("decrypted.eml"));
    }
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
