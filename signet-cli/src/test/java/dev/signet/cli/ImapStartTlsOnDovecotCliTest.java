package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.testkit.Dovecot;
import dev.signet.testkit.LanAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `imap://` URLs against Debian's Dovecot: the session starts TLS with STARTTLS before the password
 * goes, and off loopback a server that offers no STARTTLS gets no password at all (on loopback the
 * password never leaves the machine, so there a server without TLS is accepted). Dovecot alone: this
 * runs without root, unlike Postfix.
 */
class ImapStartTlsOnDovecotCliTest {
  private static final String BOB = "bob@example.org";
  private static final String PASSWORD = "bob's dovecot password";
  private static Dovecot dovecot;

  @TempDir Path dir;

  @BeforeAll
  static void start(@TempDir Path shared) {
    Path folder = shared.resolve("dovecot");
    dovecot = LanAddress.find().map(lan -> Dovecot.startWithClearImap(folder, Map.of(BOB, PASSWORD), lan))
        .orElseGet(() -> Dovecot.start(folder, Map.of(BOB, PASSWORD)));
  }

  @AfterAll
  static void stop() {
    if (dovecot != null) {
      dovecot.close();
    }
  }

  private CliRun.Result fetch(String imapUrl) {
    return CliRun.withEnvironment(Map.of("SIGNET_MAIL_PASSWORD", PASSWORD)).run("fetch", "--imap", imapUrl, "--user",
        BOB, "--out", dir.resolve("inbox").toString(), "--trust-server", dovecot.certificate().toString());
  }

  @Test
  void fetchStartsTlsBeforeLoggingInAndReadsTheInbox() throws IOException {
    dovecot.deliver(BOB, ("From: alice@example.org\r\nTo: " + BOB + "\r\nSubject: Over STARTTLS\r\n\r\n"
        + "Read through Dovecot's IMAP port.\r\n").getBytes(StandardCharsets.US_ASCII));

    CliRun.Result fetched = fetch("imap://127.0.0.1:" + dovecot.ports().imapStarttls());

    assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
    List<Path> messages = fetched.out().lines().map(Path::of).toList();
    assertThat(MailProgramDemo.withSubject(messages, "Over STARTTLS")).hasSize(1);
    assertThat(dovecot.awaitLogged(Pattern.compile("Login: user=<" + BOB + ">, [^\n]*"))).contains(", TLS");
  }

  @Test
  void offLoopbackFetchSendsNoPasswordToAServerOfferingNoStartTls() throws IOException {
    Optional<Dovecot.ClearImap> clear = dovecot.clearImap();
    assumeTrue(clear.isPresent(), "this machine has no non-loopback IPv4 address to serve IMAP without TLS on");
    String address = clear.get().address().getHostAddress();

    CliRun.Result fetched = fetch("imap://" + address + ":" + clear.get().port());

    assertThat(fetched.exitCode()).as(fetched.toString()).isNotZero();
    assertThat(fetched.stderr()).contains("offers no STARTTLS: refusing to send the password in clear");
    assertThat(dovecot.log()).doesNotContainPattern("user=<" + BOB + ">[^\n]*lip=" + Pattern.quote(address));
  }
}
