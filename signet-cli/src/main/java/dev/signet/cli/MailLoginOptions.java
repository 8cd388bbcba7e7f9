package dev.signet.cli;

import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How send, fetch and id enroll --acme log in to a mail server and decide whether to trust it. */
final class MailLoginOptions {
  @Option(names = "--user", paramLabel = "ADDR",
      description = "The mailbox to log in as (needed for send and fetch; id enroll: default --email).")
  String user;

  @Option(names = "--mail-pass-file", paramLabel = "FILE",
      description = "File whose first line is the mailbox password (else $SIGNET_MAIL_PASSWORD, else a prompt).")
  Path passFile;

  @Option(names = "--trust-server", paramLabel = "CA.pem",
      description = "Certificates the server's TLS certificate must chain to; repeat (default: the system's CAs).")
  List<Path> anchors = new ArrayList<>();

  @Option(names = "--allow-plaintext",
      description = "Send the password even where the server offers no TLS (always allowed to this machine's loopback).")
  boolean allowPlaintext;

  /** Whether any of these options was given. */
  boolean given() {
    return user != null || passFile != null || !anchors.isEmpty() || allowPlaintext;
  }

  MailTransport transport() throws IOException {
    ServerTrust trust = anchors.isEmpty() ? ServerTrust.system() : ServerTrust.anchoredAt(CommandBase.certificates(anchors));
    MailTransport t = MailTransport.trusting(trust);
    return allowPlaintext ? t.allowingPlaintext() : t;
  }

  /** The mailbox to log in as: --user, which send and fetch need. */
  String user() {
    if (user == null) {
      throw new UsageException("give --user ADDR: the mailbox to log in as");
    }
    return user;
  }

  Login login(Terminal terminal) throws IOException {
    return login(terminal, user());
  }

  /** --mail-pass-file, else $SIGNET_MAIL_PASSWORD, else the console; never the command line. */
  Login login(Terminal terminal, String defaultUser) throws IOException {
    String user = this.user == null ? defaultUser : this.user;
    if (passFile != null) {
      String text = Files.readString(passFile, StandardCharsets.UTF_8);
      return new Login(user, text.lines().findFirst().orElse("").toCharArray());
    }
    String env = terminal.env().get("SIGNET_MAIL_PASSWORD");
    if (env != null) {
      return new Login(user, env.toCharArray());
    }
    char[] typed = terminal.console()
        .orElseThrow(() -> new UsageException("a mailbox password is needed: use --mail-pass-file or SIGNET_MAIL_PASSWORD"))
        .readPassword("Mailbox password for %s: ", user);
    if (typed == null) {
      throw new UsageException("no mailbox password given");
    }
    return new Login(user, typed);
  }
}
