package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.CurlBrowser;
import dev.signet.testkit.Dovecot;
import dev.signet.testkit.Postfix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet serve --smtp-relay --imap-url` on Debian's Postfix and Dovecot, run on loopback with their
 * own configurations: Dovecot's passwd-file holds the people and their mail passwords, Postfix takes
 * submissions with STARTTLS and SASL through Dovecot and delivers into the Maildirs Dovecot serves.
 * The administrator adds a person, who signs in to the web with their Dovecot password, and the web
 * reads and verifies their mail there; `signet send` and `fetch` go through the same two servers.
 */
class ServeOwnMailServerCliTest {
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final String ADMIN = "admin@example.org";
  private static final Map<String, String> MAIL_PASSWORDS = Map.of(ALICE, "alice's dovecot password",
      BOB, "bob's dovecot password", ADMIN, "admin's dovecot password");
  private static final Pattern MAIL_LINK = Pattern.compile("href=\"(/web/mail/[^\"]+)\">([^<]*)</a>");
  private static Dovecot dovecot;
  private static Postfix postfix;
  private static ServeFixture serve;

  @TempDir Path dir;

  @BeforeAll
  static void start(@TempDir Path shared) {
    Postfix.require();
    dovecot = Dovecot.start(shared.resolve("dovecot"), MAIL_PASSWORDS);
    postfix = Postfix.start(shared.resolve("postfix"), dovecot);
    serve = ServeFixture.start("CN=Own Mail Server CA", Map.of("SIGNET_ADMIN_EMAIL", ADMIN,
        "SIGNET_ADMIN_PASSWORD", MAIL_PASSWORDS.get(ADMIN)), List.of("--smtp-relay", submission(), "--imap-url",
        imaps(), "--trust-server", dovecot.certificate().toString()));
    CurlBrowser admin = new CurlBrowser(shared, serve.root, serve.server(), "admin");
    assertThat(admin.signIn(ADMIN, MAIL_PASSWORDS.get(ADMIN))).as("the administrator signs in").isEqualTo("303");
    assertThat(admin.submit("/web/admin/people", "/web/admin/people", Map.of("email", ALICE, "name", "Alice", "role",
        "person", "password", MAIL_PASSWORDS.get(ALICE)))).as("the administrator adds Alice").isEqualTo("303");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (serve != null) {
      serve.close();
    }
    if (postfix != null) {
      postfix.close();
    }
    if (dovecot != null) {
      dovecot.close();
    }
  }

  private static String submission() {
    return "smtp://127.0.0.1:" + postfix.submissionPort();
  }

  private static String imaps() {
    return "imaps://127.0.0.1:" + dovecot.ports().imaps();
  }

  private CurlBrowser signedIn(String address) throws IOException {
    CurlBrowser browser = new CurlBrowser(dir, serve.root, serve.server(), "browser");
    assertThat(browser.signIn(address, MAIL_PASSWORDS.get(address))).as("sign-in of %s; Dovecot's log:%n%s", address,
        dovecot.log()).isEqualTo("303");
    return browser;
  }

  @Test
  void aPersonSignsInWithTheirDovecotPasswordAndSeesTheirInbox() throws IOException {
    dovecot.deliver(ALICE, ("From: " + BOB + "\r\nTo: " + ALICE + "\r\nSubject: Delivered by Dovecot\r\n\r\n"
        + "Hello from the organisation's own server.\r\n").getBytes(StandardCharsets.US_ASCII));

    String inbox = signedIn(ALICE).page("/web/inbox");

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
    dovecot.deliver(ALICE, Files.readAllBytes(dir.resolve("signed.eml")));
    CurlBrowser alice = signedIn(ALICE);

    String message = alice.page(linkTo(alice.page("/web/inbox"), "Signed for Dovecot"));

    assertThat(message).contains("Signed figures.", "Signed by:", BOB).containsPattern("id=\"banner\"[^>]*>");
    assertThat(message).contains("valid signature");
  }

  @Test
  void signetSendsASignedMessageThroughPostfixAndFetchesItFromDovecotValid() throws IOException {
    Fixtures.Person alice = Fixtures.person(dir, ALICE, "Alice");
    Path draft = Files.writeString(dir.resolve("draft.eml"), "From: " + ALICE + "\r\nTo: " + BOB
        + "\r\nSubject: Through Postfix\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nRelayed.\r\n");

    CliRun.Result sent = mailAs(ALICE).run("send", "--id", alice.p12().toString(), "--sign", "--in", draft.toString(),
        "--smtp", submission(), "--user", ALICE, "--trust-server", dovecot.certificate().toString());

    assertThat(sent.exitCode()).as(sent + postfix.log()).isZero();
    Path received = bobReceives("Through Postfix");
    CliRun.Result verified = CliRun.withPassword().run("verify", "--trust", alice.certificatePem().toString(), "--in",
        received.toString());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("verdict: valid (good signature, trusted)");
  }

  @Test
  void theWebSubmitsThroughPostfixAsThePersonAndTheMailArrivesInDovecot() throws IOException {
    CurlBrowser alice = signedIn(ALICE);

    String status = alice.submitMultipart("/web/compose", "/web/compose", Map.of("draft", "", "to", BOB, "subject",
        "Composed on the web", "body", "Sent through Postfix.", "action", "send"));

    assertThat(status).as(postfix.log()).isEqualTo("303");
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
      CliRun.Result fetch = mailAs(BOB).run("fetch", "--imap", imaps(), "--user", BOB, "--out",
          dir.resolve("inbox").toString(), "--trust-server", dovecot.certificate().toString());
      assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
      fetch.out().lines().map(Path::of).forEach(fetched::add);
      List<Path> matching = MailProgramDemo.withSubject(fetched, subject);
      if (!matching.isEmpty()) {
        return matching.get(0);
      }
      assertThat(Instant.now()).as("\"%s\" not delivered; Postfix's log:%n%s", subject, postfix.log())
          .isBefore(deadline);
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The signet command with {@code who}'s mail password in its environment. */
  private static CliRun mailAs(String who) {
    return CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", MAIL_PASSWORDS.get(who)));
  }

  private static String linkTo(String inbox, String subject) {
    Matcher m = MAIL_LINK.matcher(inbox);
    while (m.find()) {
      if (m.group(2).equals(subject)) {
        return m.group(1);
      }
    }
    throw new AssertionError("no message \"" + subject + "\" in " + inbox);
  }
}
