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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's s-nail, a real mail program on OpenSSL, against `signet serve --demo`: it submits over SMTP
 * and reads over IMAP, both requiring STARTTLS on the loopback ports and trusting only the demo's root.
 * Alice uses s-nail; Bob uses Signet. Each has a self-signed ID the other trusts.
 */
class SnailMailProgramTest {
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static ServeProcess serve;
  private static Path demoRoot;
  private static Fixtures.Person alice;
  private static Fixtures.Person bob;
  /** Alice's key and certificate in one PEM file, as s-nail's smime-sign-cert wants, taken from her PKCS#12 by openssl. */
  private static Path aliceKeyPem;

  @TempDir Path dir;

  @BeforeAll
  static void startDemo(@TempDir Path folder) throws IOException {
    ExternalTool.S_NAIL.require();
    ExternalTool.OPENSSL.require();
    serve = ServeProcess.start(folder.resolve("demo"));
    demoRoot = TestPki.writeCertificatesPem(folder.resolve("demo-root.pem"), ServeProcess.root(folder.resolve("demo")));
    alice = Fixtures.person(folder, ALICE, "Alice");
    bob = Fixtures.person(folder, BOB, "Bob");
    aliceKeyPem = folder.resolve("alice-key.pem");
    ProcessRunner.Result pem = ProcessRunner.run(folder, Map.of(), new byte[0], List.of("openssl", "pkcs12", "-in",
        alice.p12().toString(), "-nodes", "-passin", "pass:" + CliRun.PASSWORD, "-out", aliceKeyPem.toString()));
    assertThat(pem.exitCode()).as(pem.stderr()).isZero();
  }

  @AfterAll
  static void stopDemo() throws InterruptedException {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  void signetFetchesAPlainMessageSnailSentOverStartTls() throws IOException {
    ProcessRunner.Result sent = snailSends("plain from s-nail", "Lunch at noon?");
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();

    Path received = signetFetches(BOB, "plain from s-nail");

    CliRun.Result read = signet().run("read", "--in", received.toString());
    assertThat(read.out()).contains("Lunch at noon?");
  }

  @Test
  void signetReadsValidAMessageSnailSigned() throws IOException {
    ProcessRunner.Result sent = snailSends("signed by s-nail", "Signed at noon.", "-S", "smime-sign",
        "-S", "smime-sign-cert=" + aliceKeyPem);
    assertThat(sent.exitCode()).as(sent.stderr()).isZero();

    Path received = signetFetches(BOB, "signed by s-nail");

    CliRun.Result verified = signet().run("verify", "--trust", alice.certificatePem().toString(), "--in",
        received.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("verdict: valid (good signature, trusted)", "signed by " + ALICE);
  }

  @Test
  void snailDecryptsAndVerifiesWhatSignetSignedAndEncryptedWithTheOrganisationsCbcCipher() throws IOException {
    Path draft = Files.writeString(dir.resolve("draft.eml"), "From: " + BOB + "\r\nTo: " + ALICE
        + "\r\nSubject: figures\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nThe figures are up.\r\n",
        StandardCharsets.US_ASCII);
    Path policy = Files.writeString(dir.resolve("policy.txt"), "DefaultEncryptionCipher=AES-256-CBC\n");
    CliRun.Result sent = signet().run("send", "--id", bob.p12().toString(), "--rcpt", alice.certificatePem().toString(),
        "--sign", "--encrypt", "--policy", policy.toString(), "--in", draft.toString(), "--smtp",
        "smtp://localhost:" + serve.smtpPort(), "--user", BOB, "--trust-server", demoRoot.toString());
    assertThat(sent.exitCode()).as(sent.toString()).isZero();

    ProcessRunner.Result read = snailReads(ALICE, "print $\nverify $\nquit\n", "-S",
        "smime-ca-file=" + bob.certificatePem(), "-S", "smime-ca-no-defaults", "-S", "smime-sign-cert=" + aliceKeyPem);

    String shown = new String(read.stdout(), StandardCharsets.UTF_8);
    assertThat(shown).as(read.stderr()).contains("X-Encoded-Content-Type: application/pkcs7-mime; smime-type=enveloped-data",
        "The figures are up.").containsPattern("Message +[0-9]+ was verified successfully");
  }

  private static CliRun signet() {
    return CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", ServeProcess.PASSWORD));
  }

  /** Alice's s-nail submits {@code body} to Bob through SMTP with STARTTLS and AUTH, plus {@code options}. */
  private ProcessRunner.Result snailSends(String subject, String body, String... options) {
    List<String> command = snail(List.of("-S", "mta=smtp://" + credentials(ALICE) + "@localhost:" + serve.smtpPort(),
        "-S", "smtp-use-starttls", "-S", "smtp-auth=plain", "-S", "from=" + ALICE));
    command.addAll(List.of(options));
    command.addAll(List.of("-s", subject, BOB));
    return ProcessRunner.run(dir, snailEnvironment(), (body + "\n").getBytes(StandardCharsets.UTF_8), command);
  }

  /** {@code who}'s s-nail opens their inbox over IMAP with STARTTLS and runs {@code commands} in batch mode. */
  private ProcessRunner.Result snailReads(String who, String commands, String... options) {
    List<String> command = snail(List.of("-#", "-S", "imap-use-starttls"));
    command.addAll(List.of(options));
    command.addAll(List.of("-f", "imap://" + credentials(who) + "@localhost:" + serve.imapPort() + "/INBOX"));
    return ProcessRunner.run(dir, snailEnvironment(), commands.getBytes(StandardCharsets.UTF_8), command);
  }

  /** No start-up files; TLS required by the STARTTLS options above, trusting the demo's root only. */
  private static List<String> snail(List<String> more) {
    List<String> command = new ArrayList<>(List.of(ExternalTool.S_NAIL.command(), "-n", "-S", "v15-compat",
        "-S", "ttycharset=utf-8", "-S", "tls-ca-file=" + demoRoot, "-S", "tls-ca-no-defaults"));
    command.addAll(more);
    return command;
  }

  /** HOME is the test's folder, so that a failed send leaves its dead.letter there. */
  private Map<String, String> snailEnvironment() {
    return Map.of("HOME", dir.toString(), "MAILRC", "/dev/null");
  }

  /** USER:PASSWORD for a URL, percent-encoded as v15-compat wants. */
  private static String credentials(String who) {
    return encoded(who) + ":" + encoded(ServeProcess.PASSWORD);
  }

  private static String encoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code who}'s inbox fetched by `signet fetch` over IMAP with STARTTLS; the one message with {@code subject}. */
  private Path signetFetches(String who, String subject) throws IOException {
    CliRun.Result fetched = signet().run("fetch", "--imap", "imap://localhost:" + serve.imapPort(), "--user", who,
        "--out", dir.resolve("inbox").toString(), "--trust-server", demoRoot.toString());
    assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
    List<Path> matching = new ArrayList<>();
    for (String line : fetched.out().lines().toList()) {
      if (Files.readString(Path.of(line), StandardCharsets.ISO_8859_1).contains("\nSubject: " + subject + "\r\n")) {
        matching.add(Path.of(line));
      }
    }
    assertThat(matching).as("fetched: " + fetched.out()).hasSize(1);
    return matching.get(0);
  }
}
