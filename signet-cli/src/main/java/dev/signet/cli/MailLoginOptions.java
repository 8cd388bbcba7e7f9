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

/** How send and fetch log in to a mail server and decide whether to trust it. */
final class MailLoginOptions {
  @Option(names = "--user", required = true, paramLabel = "ADDR", description = "The mailbox to log in as.")
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

  MailTransport transport() throws IOException {
    ServerTrust trust = anchors.isEmpty() ? ServerTrust.system() : ServerTrust.anchoredAt(CommandBase.certificates(anchors));
    MailTransport t = MailTransport.trusting(trust);
    return allowPlaintext ? t.allowingPlaintext() : t;
  }

  /** --mail-pass-file, else $SIGNET_MAIL_PASSWORD, else the console; never the command line. */
  Login login(Terminal terminal) throws IOException {
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
