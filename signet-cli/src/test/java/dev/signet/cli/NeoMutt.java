package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Alice's NeoMutt, driven through its screen in a terminal: Debian's S/MIME settings
 * (/etc/neomuttrc.d/smime.rc, whose commands call openssl), her key and Bob's certificate in the key
 * store its smime_keys script keeps (an .index line per certificate), SMTP and IMAP with STARTTLS
 * required on the demo's loopback ports, trusting the demo's root only.
 */
final class NeoMutt {
  private static final String DEBIAN_SMIME_SETTINGS = "/etc/neomuttrc.d/smime.rc";

  /** What the compose screen's Security line is set to, by NeoMutt's own crypt_auto* settings. */
  enum Security {
    SIGN("set crypt_autosign=yes"),
    ENCRYPT("set crypt_autoencrypt=yes"),
    SIGN_AND_ENCRYPT("set crypt_autosign=yes; set crypt_autoencrypt=yes");

    private final String settings;

    Security(String settings) {
      this.settings = settings;
    }
  }

  private final Path home;
  private final Path rc;

  private NeoMutt(Path home, Path rc) {
    this.home = home;
    this.rc = rc;
  }

  /** Alice's NeoMutt in {@code home}, encrypting with {@code cipher} (its smime_encrypt_with, e.g. aes256). */
  static NeoMutt forAlice(MailProgramDemo demo, Path home, String cipher) throws IOException {
    ExternalTool.NEOMUTT.require();
    ExternalTool.requirePresent(Files.isReadable(Path.of(DEBIAN_SMIME_SETTINGS)),
        DEBIAN_SMIME_SETTINGS + " (Debian's neomutt package) is missing");
    Path keys = Files.createDirectories(home.resolve("keys"));
    Path certificates = Files.createDirectories(home.resolve("certificates"));
    Files.createDirectories(home.resolve("Mail"));
    Files.copy(demo.aliceKeyPem, keys.resolve("alice.0"));
    Files.copy(demo.alice.certificatePem(), certificates.resolve("alice.0"));
    Files.copy(demo.bob.certificatePem(), certificates.resolve("bob.0"));
    Files.writeString(keys.resolve(".index"), indexLine(MailProgramDemo.ALICE, "alice.0", "s"));
    Files.writeString(certificates.resolve(".index"), indexLine(MailProgramDemo.ALICE, "alice.0", "s")
        + indexLine(MailProgramDemo.BOB, "bob.0", "e"));
    String server = "127.0.0.1:";
    Path rc = Files.writeString(home.resolve("neomuttrc"), String.join("\n",
        "source " + DEBIAN_SMIME_SETTINGS,
        "set crypt_use_gpgme=no",
        "set smime_is_default=yes",
        "set smime_keys=" + keys,
        "set smime_certificates=" + certificates,
        "set smime_default_key=alice.0",
        "set smime_ca_location=" + demo.bob.certificatePem(),
        "set smime_encrypt_with=" + cipher,
        "set realname=Alice",
        "set from=" + MailProgramDemo.ALICE,
        "set smtp_url=smtp://" + server + demo.serve.smtpPort(),
        "set smtp_user=" + MailProgramDemo.ALICE,
        "set smtp_pass=\"" + ServeProcess.PASSWORD + "\"",
        "set folder=imap://" + MailProgramDemo.urlEncoded(MailProgramDemo.ALICE) + "@" + server
            + demo.serve.imapPort() + "/",
        "set spoolfile=+INBOX",
        "set imap_pass=\"" + ServeProcess.PASSWORD + "\"",
        "set ssl_starttls=yes",
        "set ssl_force_tls=yes",
        "set certificate_file=" + demo.demoRoot,
        "set header_cache=\"\"",
        "set message_cachedir=\"\"",
        "set editor=true",
        "set abort_unmodified=no",
        "set record=\"\"",
        "set sleep_time=0",
        "set wait_key=no",
        "set pager_index_lines=0",
        ""));
    return new NeoMutt(home, rc);
  }

  /** A line of smime_keys' index: mailbox, key ID, label, issuer's key ID (self-signed: itself), trust, purpose. */
  private static String indexLine(String mailbox, String keyId, String purpose) {
    return mailbox + " " + keyId + " " + keyId + " " + keyId + " t " + purpose + "\n";
  }

  /**
   * Alice composes {@code body} to Bob with {@code security}, accepts the To and Subject prompts and
   * the compose screen, gives her (empty) S/MIME passphrase when asked, and NeoMutt sends it.
   */
  void sendsToBob(String subject, String body, Security security) throws IOException {
    Path bodyFile = Files.writeString(home.resolve("body.txt"), body + "\n");
    try (Terminal terminal = Terminal.start(home, Map.of("HOME", home.toString()), String.join(" ", List.of(
        "neomutt", "-n", "-F", rc.toString(), "-e", Terminal.quoted(security.settings), "-s",
        Terminal.quoted(subject), "-i", bodyFile.toString(), MailProgramDemo.BOB)))) {
      terminal.await("To: " + MailProgramDemo.BOB);
      terminal.press("Enter");
      terminal.await("Subject: " + subject);
      terminal.press("Enter");
      terminal.await("y:Send");
      terminal.press("y");
      String screen = terminal.await(s -> s.contains("S/MIME passphrase:") || s.contains("exited with"),
          "a passphrase prompt or NeoMutt's end");
      if (screen.contains("S/MIME passphrase:")) {
        terminal.press("Enter");
      }
      assertThat(terminal.await("exited with")).contains("exited with 0");
    }
  }

  /**
   * The screen once Alice's NeoMutt has opened her inbox over IMAP, limited it to the message
   * {@code messageId} and shown it (giving her S/MIME passphrase if it asks, to decrypt).
   */
  String shows(String messageId) {
    try (Terminal terminal = Terminal.start(home, Map.of("HOME", home.toString()),
        "neomutt -n -F " + rc)) {
      terminal.await("NeoMutt: +INBOX");
      terminal.press("l");
      terminal.type("~i " + messageId);
      terminal.press("Enter");
      terminal.await("Msgs:1/");
      terminal.press("Enter");
      String screen = terminal.await(s -> s.contains("i:Exit") || s.contains("S/MIME passphrase:"),
          "the message or a passphrase prompt");
      if (screen.contains("S/MIME passphrase:")) {
        terminal.press("Enter");
        screen = terminal.await("i:Exit");
      }
      return screen;
    }
  }
}
