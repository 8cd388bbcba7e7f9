package dev.signet.cli;

import dev.signet.mail.Copies;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Compose a message exactly as compose does, then submit it over SMTP (STARTTLS or SMTPS, with AUTH) "
        + "byte for byte; To, Cc and Bcc recipients are the envelope.")
final class SendCommand extends Composing {
  @Option(names = "--smtp", required = true, paramLabel = "URL",
      description = "smtp://host[:port] (STARTTLS, default port 587) or smtps://host[:port] (TLS, default 465).")
  String smtp;

  @Mixin MailLoginOptions mail;

  @Option(names = "--out", paramLabel = "FILE", description = "Also keep the message as sent (the copy To and Cc get) in this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    MailServer server = MailServer.smtp(smtp);
    String from = mail.user(); // before composing, which may ask for a password
    var transport = mail.transport();
    List<Copies.Copy> copies = copies();
    int recipients = copies.stream().mapToInt(c -> c.recipients().size()).sum();
    if (recipients == 0) {
      throw new UsageException("the message has no To, Cc or Bcc recipient to send to");
    }
    try (Login login = mail.login(terminal)) {
      // --out keeps the first copy (the one To and Cc get, encrypted to the sender too), staged until the
      // server has taken every copy.
      try (StagedOutput staged = StagedOutput.to(Optional.ofNullable(out), OutputStream.nullOutputStream())) {
        staged.stream().write(copies.get(0).message());
        for (Copies.Copy c : copies) {
          transport.submit(server, login, new Envelope(from, c.recipients()), c.message());
        }
        staged.commit();
      }
    }
    terminal.err().println("sent to " + recipients + " recipient" + (recipients == 1 ? "" : "s") + " via " + server
        + (copies.size() > 1 ? " as " + copies.size() + " copies (each Bcc recipient's their own)" : ""));
    return Cli.OK;
  }
}
