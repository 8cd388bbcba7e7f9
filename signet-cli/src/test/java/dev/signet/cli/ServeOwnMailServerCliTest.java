package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.CurlBrowser;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet serve --smtp-relay --imap-url imaps://` on Debian's Postfix and Dovecot ({@link OwnMailServer}).
 * The administrator adds a person, who signs in to the web with their Dovecot password, and the web
 * reads and verifies their mail there; `signet send` and `fetch` go through the same two servers.
 */
class ServeOwnMailServerCliTest {
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final String ADMIN = "admin@example.org";
  private static final Map<String, String> MAIL_PASSWORDS = Map.of(ALICE, "alice's dovecot password",
      BOB, "bob's dovecot password", ADMIN, "admin's dovecot password");
  private static OwnMailServer mail;
  private static ServeFixture serve;

  @TempDir Path dir;

  @BeforeAll
  static void start(@TempDir Path shared) {
    mail = OwnMailServer.start(shared, MAIL_PASSWORDS);
    serve = ServeFixture.start("CN=Own Mail Server CA", Map.of("SIGNET_ADMIN_EMAIL", ADMIN,
        "SIGNET_ADMIN_PASSWORD", MAIL_PASSWORDS.get(ADMIN)), mail.serveOptions(mail.imaps()));
    CurlBrowser admin = mail.signedIn(shared, serve, ADMIN);
    assertThat(admin.submit("/web/admin/people", "/web/admin/people", Map.of("email", ALICE, "name", "Alice", "role",
        "person", "password", MAIL_PASSWORDS.get(ALICE)))).as("the administrator adds Alice").isEqualTo("303");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (serve != null) {
      serve.close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  @Test
  void aPersonSignsInWithTheirDovecotPasswordAndSeesTheirInbox() throws IOException {
    mail.dovecot().deliver(ALICE, ("From: " + BOB + "\r\nTo: " + ALICE + "\r\nSubject: Delivered by Dovecot\r\n\r\n"
        + "Hello from the organisation's own server.\r\n").getBytes(StandardCharsets.US_ASCII));

    String inbox = mail.signedIn(dir, serve, ALICE).page("/web/inbox");

    assertThat(inbox).contains("Delivered by Dovecot");
  }

  @Test
  void aPasswordDovecotRefusesDoesNotSignIn() {
    CurlBrowser browser = new CurlBrowser(dir, serve.root, serve.server(), "guesser");

    assertThat(browser.signIn(ALICE, "a guess")).isNotEqualTo("303");
  }

  @Test
  void theWebVerifiesASignedMessageInTheDovecotMailbox() throws IOException {
    CliRun.Result enrolled = ServeFixture.SIGNET.run("id", "enroll", "--server", serve.server(), "--token",
        serve.token(BOB), "--email", BOB, "--ca", serve.root.toString(), "--out", dir.resolve("bob.p12").toString());
    assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
    Path plain = Files.writeString(dir.resolve("plain.eml"), "From: " + BOB + "\r\nTo: " + ALICE
        + "\r\nSubject: Signed for Dovecot\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
        + "Signed figures.\r\n");
    CliRun.Result signed = CliRun.withPassword().run("sign", "--id", dir.resolve("bob.p12").toString(), "--in",
        plain.toString(), "--out", dir.resolve("signed.eml").toString());
    assertThat(signed.exitCode()).as(signed.toString()).isZero();
    mail.dovecot().deliver(ALICE, Files.readAllBytes(dir.resolve("signed.eml")));

    String message = mail.messageShowing(mail.signedIn(dir, serve, ALICE), "Signed for Dovecot");

    assertThat(message).contains("Signed figures.", "Signed by:", BOB).containsPattern("id=\"banner\"[^>]*>");
    assertThat(message).contains("valid signature");
  }

  @Test
  void signetSendsASignedMessageThroughPostfixAndFetchesItFromDovecotValid() throws IOException {
    Fixtures.Person alice = Fixtures.person(dir, ALICE, "Alice");
    Path draft = Files.writeString(dir.resolve("draft.eml"), "From: " + ALICE + "\r\nTo: " + BOB
        + "\r\nSubject: Through Postfix\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nRelayed.\r\n");

    CliRun.Result sent = mailAs(ALICE).run("send", "--id", alice.p12().toString(), "--sign", "--in", draft.toString(),
        "--smtp", mail.submission(), "--user", ALICE, "--trust-server", mail.certificate().toString());

    assertThat(sent.exitCode()).as(sent + mail.log()).isZero();
    Path received = bobReceives("Through Postfix");
    CliRun.Result verified = CliRun.withPassword().run("verify", "--trust", alice.certificatePem().toString(), "--in",
        received.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("verdict: valid (good signature, trusted)");
  }

  @Test
  void theWebSubmitsThroughPostfixAsThePersonAndTheMailArrivesInDovecot() throws IOException {
    CurlBrowser alice = mail.signedIn(dir, serve, ALICE);

    String status = alice.submitMultipart("/web/compose", "/web/compose", Map.of("draft", "", "to", BOB, "subject",
        "Composed on the web", "body", "Sent through Postfix.", "action", "send"));

    assertThat(status).as(mail.log()).isEqualTo("303");
    Path received = bobReceives("Composed on the web");
    assertThat(Files.readString(received, StandardCharsets.ISO_8859_1)).contains("Return-Path: <" + ALICE + ">",
        "(Postfix) with ESMTPSA", "Sent through Postfix."); // ESMTPSA: submitted over TLS, authenticated
  }

  /**
   * The message with {@code subject} once `signet fetch` finds it in Bob's Dovecot mailbox: Postfix
   * delivers from its queue, a moment after it accepted the message.
   */
  private Path bobReceives(String subject) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<Path> fetched = new ArrayList<>();
    while (true) {
      CliRun.Result fetch = mailAs(BOB).run("fetch", "--imap", mail.imaps(), "--user", BOB, "--out",
          dir.resolve("inbox").toString(), "--trust-server", mail.certificate().toString());
      assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
      fetch.out().lines().map(Path::of).forEach(fetched::add);
      List<Path> matching = MailProgramDemo.withSubject(fetched, subject);
      if (!matching.isEmpty()) {
        return matching.get(0);
      }
      assertThat(Instant.now()).as("\"%s\" not delivered; the mail server's log:%n%s", subject, mail.log())
          .isBefore(deadline);
      ProcessRunner.pause(200, "delivery");
    }
  }

  /** The signet command with {@code who}'s mail password in its environment. */
  private static CliRun mailAs(String who) {
    return CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", MAIL_PASSWORDS.get(who)));
  }
}
