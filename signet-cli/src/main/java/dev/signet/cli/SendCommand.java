package dev.signet.cli;

import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import java.io.ByteArrayOutputStream;
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

  @Option(names = "--out", paramLabel = "FILE", description = "Also keep the message as sent in this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    MailServer server = MailServer.smtp(smtp);
    String from = mail.user(); // before composing, which may ask for a password
    var transport = mail.transport();
    ByteArrayOutputStream composed = new ByteArrayOutputStream();
    List<String> recipients = compose(composed).addresses();
    if (recipients.isEmpty()) {
      throw new UsageException("the message has no To, Cc or Bcc recipient to send to");
    }
    Envelope envelope = new Envelope(from, recipients);
    try (Login login = mail.login(terminal)) {
      if (out == null) {
        transport.submit(server, login, envelope, composed.toByteArray());
      } else {
        // The copy is staged first and kept only once the server has taken the message.
        try (StagedOutput staged = StagedOutput.to(Optional.of(out), terminal.out())) {
          composed.writeTo(staged.stream());
          transport.submit(server, login, envelope, composed.toByteArray());
          staged.commit();
        }
      }
    }
    terminal.err().println("sent to " + recipients.size() + " recipient" + (recipients.size() == 1 ? "" : "s")
        + " via " + server);
    return Cli.OK;
  }
}
