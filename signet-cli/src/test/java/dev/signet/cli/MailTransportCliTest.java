package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.ServerSetup;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import dev.signet.server.mail.MailLogins;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet send and signet fetch against the embedded mail server: what compose wrote is what arrives. */
class MailTransportCliTest {
  private static final String MAIL_PASSWORD = "mailbox secret";
  private static final MailLogins LOGINS = (address, password) -> MAIL_PASSWORD.equals(new String(password));
  private static MailService mail;
  private static Path caPem;
  private static Fixtures.Person alice;
  private static Fixtures.Person bob;
  private static Fixtures.Person dave;

  @TempDir Path dir;

  @BeforeAll
  static void start(@TempDir Path shared) throws IOException {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(shared.resolve("ca")))) {
      Issuer issuer = ca.init("CN=Send Test CA", KeyType.EC_P384, "http://127.0.0.1:1", "ca pass".toCharArray(), "test");
      mail = MailService.start(new MailServiceConfig(shared.resolve("mail"), "127.0.0.1", 0, 0, 0, 0), LOGINS,
          issuer.serviceIdentity(List.of("localhost", "127.0.0.1")));
      caPem = TestPki.writeCertificatesPem(shared.resolve("ca.pem"), List.of(issuer.caChain().get(issuer.caChain().size() - 1)));
    }
    alice = Fixtures.person(shared, "alice@example.org", "Alice");
    bob = Fixtures.person(shared, "bob@example.org", "Bob");
    dave = Fixtures.person(shared, "dave@example.org", "Dave");
    Stream.of("alice", "bob", "carol", "dave").forEach(p -> mail.addMailbox(p + "@example.org"));
  }

  @AfterAll
  static void stop() {
    mail.close();
  }

  private static CliRun cli() {
    return CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", MAIL_PASSWORD));
  }

  private String smtps() {
    return "smtps://127.0.0.1:" + mail.smtpsPort();
  }

  private String imaps() {
    return "imaps://127.0.0.1:" + mail.imapsPort();
  }

  private CliRun.Result send(Path message, Path sentCopy, String... more) {
    return sendVia(smtps(), message, sentCopy, more);
  }

  private CliRun.Result sendVia(String smtp, Path message, Path sentCopy, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("send", "--from", alice.p12().toString(), "--rcpt",
        bob.certificatePem().toString(), "--sign", "--in", message.toString(), "--out", sentCopy.toString(),
        "--smtp", smtp, "--user", alice.email(), "--trust-server", caPem.toString()));
    args.addAll(List.of(more));
    return cli().run(args.toArray(String[]::new));
  }

  private List<Path> fetch(String who, Path into) throws IOException {
    CliRun.Result r = cli().run("fetch", "--imap", imaps(), "--user", who, "--out", into.toString(),
        "--trust-server", caPem.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().lines().map(Path::of).toList();
  }

  /** The fetched message is the server's trace fields followed by exactly the bytes compose wrote. */
  private static byte[] afterTraceFields(byte[] fetched, byte[] sent) {
    String text = new String(fetched, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("Return-Path: <").contains("\r\nReceived: from ");
    byte[] tail = java.util.Arrays.copyOfRange(fetched, fetched.length - sent.length, fetched.length);
    String trace = text.substring(0, fetched.length - sent.length);
    assertThat(trace.split("\r\n(?![ \t])")).allMatch(f -> f.startsWith("Return-Path:") || f.startsWith("Received:"));
    return tail;
  }

  private Path message(String headers) throws IOException {
    return Files.writeString(dir.resolve("draft.eml"), headers + "Subject: lunch\r\nMessage-ID: <" + System.nanoTime()
        + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nNoon?\r\n", StandardCharsets.US_ASCII);
  }

  @Test
  void sentMessageIsFetchedByteForByteAndItsSignatureStillVerifies() throws IOException {
    Path sent = dir.resolve("sent.eml");
    CliRun.Result r = send(message("From: alice@example.org\r\nTo: bob@example.org\r\n"), sent);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("sent to 1 recipient via smtps://127.0.0.1:");

    List<Path> fetched = fetch(bob.email(), dir.resolve("bob-inbox"));

    Path last = fetched.get(fetched.size() - 1);
    assertThat(last.getFileName().toString()).matches("[0-9]+-[0-9]+\\.eml");
    assertThat(afterTraceFields(Files.readAllBytes(last), Files.readAllBytes(sent))).isEqualTo(Files.readAllBytes(sent));
    CliRun.Result verified = cli().run("verify", "--trust", alice.certificatePem().toString(), "--in", last.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
  }

  @Test
  void opensslVerifiesTheFetchedMessage() throws IOException {
    ExternalTool.OPENSSL.require();
    Path sent = dir.resolve("sent.eml");
    assertThat(send(message("From: alice@example.org\r\nTo: bob@example.org\r\n"), sent).exitCode()).isZero();
    List<Path> fetched = fetch(bob.email(), dir.resolve("bob-inbox"));

    ProcessRunner.Result openssl = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-verify",
        "-in", fetched.get(fetched.size() - 1).toString(), "-CAfile", alice.certificatePem().toString(),
        "-purpose", "any", "-out", "/dev/null"));
    assertThat(openssl.exitCode()).as(openssl.stderr()).isZero();
    assertThat(openssl.stderr()).contains("Verification successful");
  }

  @Test
  void signedAndEncryptedMessageIsReadByTheRecipientAfterFetch() throws IOException {
    Path sent = dir.resolve("sent.eml");
    CliRun.Result r = send(message("From: alice@example.org\r\nTo: bob@example.org\r\n"), sent, "--encrypt");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<Path> fetched = fetch(bob.email(), dir.resolve("bob-inbox"));

    CliRun.Result read = cli().run("read", "--id", bob.p12().toString(), "--trust", alice.certificatePem().toString(),
        "--in", fetched.get(fetched.size() - 1).toString());

    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.out()).contains("Noon?");
    assertThat(read.stderr()).contains("encrypted with").contains("signed by alice@example.org");
  }

  @Test
  void bccRecipientReceivesTheMessageWithoutBeingNamedInIt() throws IOException {
    Path sent = dir.resolve("sent.eml");
    CliRun.Result r = send(message("From: alice@example.org\r\nTo: bob@example.org\r\nBcc: carol@example.org\r\n"), sent);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("sent to 2 recipients");

    List<Path> carols = fetch("carol@example.org", dir.resolve("carol-inbox"));

    assertThat(carols).hasSize(1);
    byte[] received = afterTraceFields(Files.readAllBytes(carols.get(0)), Files.readAllBytes(sent));
    assertThat(received).isEqualTo(Files.readAllBytes(sent));
    assertThat(new String(received, StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("carol")
        .doesNotContainIgnoringCase("Bcc:");
  }

  @Test
  void anEncryptedMessageGivesItsBccRecipientACopyOfTheirOwnThatBobsCopyDoesNotName() throws IOException {
    Path sent = dir.resolve("sent.eml");
    CliRun.Result r = send(message("From: alice@example.org\r\nTo: bob@example.org\r\nBcc: dave@example.org\r\n"),
        sent, "--encrypt", "--rcpt", dave.certificatePem().toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).contains("sent to 2 recipients").contains("as 2 copies");

    Path bobs = last(fetch(bob.email(), dir.resolve("bob-inbox")));
    Path daves = last(fetch(dave.email(), dir.resolve("dave-inbox")));

    assertThat(recipientsOf(bobs)).hasSize(2); // Bob and Alice, the sender
    assertThat(recipientsOf(daves)).hasSize(2); // Dave and Alice
    CliRun.Result daveReads = cli().run("read", "--id", dave.p12().toString(), "--trust",
        alice.certificatePem().toString(), "--in", daves.toString());
    assertThat(daveReads.exitCode()).as(daveReads.toString()).isZero();
    assertThat(daveReads.out()).contains("Noon?");
    CliRun.Result bobCannotOpenDaves = cli().run("decrypt", "--id", bob.p12().toString(), "--in", daves.toString());
    assertThat(bobCannotOpenDaves.exitCode()).isNotZero();
  }

  private static Path last(List<Path> fetched) {
    return fetched.get(fetched.size() - 1);
  }

  /** The RecipientInfos of the message's CMS, as openssl lists them. */
  private List<String> recipientsOf(Path message) throws IOException {
    ExternalTool.OPENSSL.require();
    ProcessRunner.Result p = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("openssl", "cms", "-cmsout",
        "-print", "-in", message.toString()));
    assertThat(p.exitCode()).as(p.stderr()).isZero();
    return new String(p.stdout(), StandardCharsets.UTF_8).lines().filter(l -> l.strip().startsWith("d.ktri:")
        || l.strip().startsWith("d.kari:")).toList();
  }

  @Test
  void fetchingAgainWritesOnlyNewMessages() throws IOException {
    Path sent = dir.resolve("sent.eml");
    assertThat(send(message("From: alice@example.org\r\nTo: dave@example.org\r\n"), sent, "--rcpt",
        alice.certificatePem().toString()).exitCode()).isZero();
    Path inbox = dir.resolve("dave-inbox");
    assertThat(fetch("dave@example.org", inbox)).hasSize(1);

    assertThat(fetch("dave@example.org", inbox)).isEmpty();
    try (Stream<Path> files = Files.list(inbox)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void badUrlIsOneErrorLineAndNothingIsSent() throws IOException {
    Path sent = dir.resolve("sent.eml");
    CliRun.Result r = cli().run("send", "--from", alice.p12().toString(), "--rcpt", bob.certificatePem().toString(),
        "--in", message("From: alice@example.org\r\nTo: bob@example.org\r\n").toString(), "--out", sent.toString(),
        "--smtp", "http://127.0.0.1:" + mail.smtpsPort(), "--user", alice.email());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).singleElement().asString()
        .startsWith("signet: error: not a mail server URL: http://127.0.0.1:");
    assertThat(sent).doesNotExist();
  }

  @Test
  void wrongPasswordIsOneErrorLineAndNothingIsWritten() throws IOException {
    Path inbox = dir.resolve("inbox");
    CliRun.Result r = CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", "guess")).run("fetch", "--imap", imaps(),
        "--user", bob.email(), "--out", inbox.toString(), "--trust-server", caPem.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).singleElement().asString()
        .isEqualTo("signet: error: " + imaps() + "/INBOX refused the login of bob@example.org (wrong user name or password?)");
    try (Stream<Path> files = Files.list(inbox)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void serverNotChainingToTheTrustAnchorsIsOneErrorLine() {
    CliRun.Result r = cli().run("fetch", "--imap", imaps(), "--user", bob.email(), "--out", dir.resolve("x").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).singleElement().asString()
        .startsWith("signet: error: " + imaps() + "/INBOX: the server's TLS certificate is not trusted");
  }

  @Test
  void passwordIsNotSentInClearToAnotherHostWithoutTls() throws IOException {
    Optional<InetAddress> lan = nonLoopbackAddress();
    Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to try");
    SmtpServer plain = new SmtpServer(new ServerSetup(0, lan.get().getHostAddress(), "smtp"), new Managers());
    plain.startService();
    try {
      Assumptions.assumeTrue(plain.waitTillRunning(5000), "no plain SMTP server on " + lan.get());
      String url = "smtp://" + lan.get().getHostAddress() + ":" + plain.getPort();
      CliRun.Result r = sendVia(url, message("From: alice@example.org\r\nTo: bob@example.org\r\n"), dir.resolve("sent.eml"));

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.stderrLines()).filteredOn(l -> l.startsWith("signet:")).singleElement().asString()
          .startsWith("signet: error: " + url + " offers no STARTTLS: refusing to send the password in clear");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      plain.stopService();
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      if (nic.isUp() && !nic.isLoopback()) {
        Optional<InetAddress> a = nic.inetAddresses().filter(Inet4Address.class::isInstance).findFirst();
        if (a.isPresent()) {
          return a;
        }
      }
    }
    return Optional.empty();
  }
}
