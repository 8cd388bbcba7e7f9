package dev.signet.cli;

import dev.signet.testkit.CurlBrowser;
import dev.signet.testkit.Dovecot;
import dev.signet.testkit.Postfix;
import dev.signet.testkit.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation's own mail server for `signet serve --smtp-relay --imap-url`: Debian's Postfix and
 * Dovecot on loopback with their own configurations in a folder. Dovecot's passwd-file holds the people
 * and their mail passwords; Postfix takes submissions with STARTTLS and SASL through Dovecot and
 * delivers into the Maildirs Dovecot serves. Postfix runs only as root: elsewhere the test is skipped.
 */
final class OwnMailServer implements AutoCloseable {
  private static final Pattern MAIL_LINK = Pattern.compile("href=\"(/web/mail/[^\"]+)\">");
  private static final Duration DELIVERY = Duration.ofSeconds(60);

  private final Dovecot dovecot;
  private final Postfix postfix;
  private final Map<String, String> passwords;

  private OwnMailServer(Dovecot dovecot, Postfix postfix, Map<String, String> passwords) {
    this.dovecot = dovecot;
    this.postfix = postfix;
    this.passwords = Map.copyOf(passwords);
  }

  /** Starts Dovecot and Postfix in {@code dir} for the addresses of {@code passwords}, their mail passwords. */
  static OwnMailServer start(Path dir, Map<String, String> passwords) {
    Postfix.require();
    Dovecot dovecot = Dovecot.start(dir.resolve("dovecot"), passwords);
    try {
      return new OwnMailServer(dovecot, Postfix.start(dir.resolve("postfix"), dovecot), passwords);
    } catch (RuntimeException e) {
      dovecot.close();
      throw e;
    }
  }

  /** Postfix's submission port: STARTTLS, then AUTH. */
  String submission() {
    return "smtp://127.0.0.1:" + postfix.submissionPort();
  }

  String imaps() {
    return "imaps://127.0.0.1:" + dovecot.ports().imaps();
  }

  /** Dovecot's IMAP port, where a client starts TLS with STARTTLS. */
  String imapStartTls() {
    return "imap://127.0.0.1:" + dovecot.ports().imapStarttls();
  }

  /** The options of `signet serve` that send through Postfix and read from Dovecot at {@code imapUrl}. */
  List<String> serveOptions(String imapUrl) {
    return List.of("--smtp-relay", submission(), "--imap-url", imapUrl, "--trust-server", certificate().toString());
  }

  /** What both servers' TLS certificates are: a client trusts it. */
  Path certificate() {
    return dovecot.certificate();
  }

  String password(String address) {
    return passwords.get(address);
  }

  Dovecot dovecot() {
    return dovecot;
  }

  /** What Dovecot and Postfix logged, for a failing test's message. */
  String log() {
    return "--- Dovecot ---\n" + dovecot.log() + "--- Postfix ---\n" + postfix.log();
  }

  /** A browser in {@code dir} on {@code serve}'s web UI, signed in as {@code address} with their mail password. */
  CurlBrowser signedIn(Path dir, ServeFixture serve, String address) {
    CurlBrowser browser = new CurlBrowser(dir, serve.root, serve.server(), address);
    String status = browser.signIn(address, password(address));
    if (!status.equals("303")) {
      throw new AssertionError("sign-in of " + address + " answered " + status + "; the mail server's log:\n" + log());
    }
    return browser;
  }

  /**
   * The page of the first message in {@code browser}'s web inbox that shows {@code words}, once there
   * is one: Postfix delivers from its queue, a moment after it accepted a message.
   */
  String messageShowing(CurlBrowser browser, String words) {
    Instant deadline = Instant.now().plus(DELIVERY);
    while (true) {
      String inbox = browser.page("/web/inbox");
      Optional<String> found = MAIL_LINK.matcher(inbox).results().map(m -> browser.page(m.group(1)))
          .filter(page -> page.contains(words)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no message showing \"" + words + "\" within " + DELIVERY + " in\n" + inbox
            + "\nthe mail server's log:\n" + log());
      }
      ProcessRunner.pause(250, "delivery");
    }
  }

  /** Ends Postfix, then Dovecot, whose passwords Postfix asks for. */
  @Override
  public void close() {
    postfix.close();
    dovecot.close();
  }
}
