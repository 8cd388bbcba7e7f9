package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `signet serve --demo` for a test of a real mail program: Alice uses the program, Bob uses Signet.
 * Each has a self-signed ID the other trusts; the program trusts only the demo's root for TLS.
 */
final class MailProgramDemo implements AutoCloseable {
  static final String ALICE = "alice@example.org";
  static final String BOB = "bob@example.org";
  private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: <([^>]+)>");

  final ServeProcess serve;
  final Path demoRoot;
  final Fixtures.Person alice;
  final Fixtures.Person bob;
  /** Alice's key and certificate in one PEM file (from her PKCS#12, by openssl), as OpenSSL-based programs want. */
  final Path aliceKeyPem;

  private MailProgramDemo(ServeProcess serve, Path demoRoot, Fixtures.Person alice, Fixtures.Person bob,
      Path aliceKeyPem) {
    this.serve = serve;
    this.demoRoot = demoRoot;
    this.alice = alice;
    this.bob = bob;
    this.aliceKeyPem = aliceKeyPem;
  }

  static MailProgramDemo start(Path folder) throws IOException {
    ExternalTool.OPENSSL.require();
    Fixtures.Person alice = Fixtures.person(folder, ALICE, "Alice");
    Fixtures.Person bob = Fixtures.person(folder, BOB, "Bob");
    Path aliceKeyPem = folder.resolve("alice-key.pem");
    ProcessRunner.Result pem = ProcessRunner.run(folder, Map.of(), new byte[0], List.of("openssl", "pkcs12", "-in",
        alice.p12().toString(), "-nodes", "-passin", "pass:" + CliRun.PASSWORD, "-out", aliceKeyPem.toString()));
    assertThat(pem.exitCode()).as(pem.stderr()).isZero();
    ServeProcess serve = ServeProcess.start(folder.resolve("demo"));
    Path demoRoot = TestPki.writeCertificatesPem(folder.resolve("demo-root.pem"),
        ServeProcess.root(folder.resolve("demo")));
    return new MailProgramDemo(serve, demoRoot, alice, bob, aliceKeyPem);
  }

  static CliRun signet() {
    return CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", ServeProcess.PASSWORD));
  }

  /**
   * Bob's Signet sends {@code body} to Alice through SMTP with STARTTLS, with {@code options} (such as
   * {@code --sign}); {@code policy} lines, if any, are his policy file. Returns the Message-ID sent.
   */
  String signetSendsToAlice(Path dir, String subject, String body, String policy, String... options)
      throws IOException {
    Path draft = Files.writeString(dir.resolve("draft.eml"), "From: " + BOB + "\r\nTo: " + ALICE + "\r\nSubject: "
        + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n",
        StandardCharsets.US_ASCII);
    Path sentCopy = dir.resolve("sent.eml");
    List<String> command = new ArrayList<>(List.of("send", "--id", bob.p12().toString(), "--rcpt",
        alice.certificatePem().toString(), "--policy", Files.writeString(dir.resolve("policy.txt"), policy).toString(),
        "--in", draft.toString(), "--out", sentCopy.toString(), "--smtp", "smtp://localhost:" + serve.smtpPort(),
        "--user", BOB, "--trust-server", demoRoot.toString()));
    command.addAll(List.of(options));
    CliRun.Result sent = signet().run(command.toArray(String[]::new));
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    Matcher id = MESSAGE_ID.matcher(Files.readString(sentCopy, StandardCharsets.ISO_8859_1));
    assertThat(id.find()).as("a Message-ID in what was sent").isTrue();
    return id.group(1);
  }

  /** {@code who}'s inbox fetched by `signet fetch` over IMAP with STARTTLS; the one message with {@code subject}. */
  Path signetFetches(Path dir, String who, String subject) throws IOException {
    CliRun.Result fetched = signet().run("fetch", "--imap", "imap://localhost:" + serve.imapPort(), "--user", who,
        "--out", dir.resolve("inbox").toString(), "--trust-server", demoRoot.toString());
    return theOneWithSubject(fetched, subject);
  }

  /** Of the messages `signet fetch` wrote (it succeeded), the one with {@code subject}. */
  static Path theOneWithSubject(CliRun.Result fetched, String subject) throws IOException {
    assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
    List<Path> matching = withSubject(fetched.out().lines().map(Path::of).toList(), subject);
    assertThat(matching).as("fetched: " + fetched.out()).hasSize(1);
    return matching.get(0);
  }

  /** Those of {@code messages} (files) whose Subject is {@code subject}. */
  static List<Path> withSubject(List<Path> messages, String subject) throws IOException {
    List<Path> matching = new ArrayList<>();
    for (Path message : messages) {
      if (Files.readString(message, StandardCharsets.ISO_8859_1).contains("\nSubject: " + subject + "\r\n")) {
        matching.add(message);
      }
    }
    return matching;
  }

  /** Bob's Signet verifies {@code received} trusting Alice's certificate. */
  CliRun.Result bobVerifies(Path received) {
    return signet().run("verify", "--trust", alice.certificatePem().toString(), "--in", received.toString());
  }

  /** Bob's Signet decrypts with his ID and verifies {@code received} trusting Alice's certificate. */
  CliRun.Result bobReads(Path received) {
    return CliRun.withPassword().run("read", "--id", bob.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--in", received.toString());
  }

  /** {@code s} percent-encoded for the user or password of a URL. */
  static String urlEncoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() throws InterruptedException {
    serve.close();
  }
}
