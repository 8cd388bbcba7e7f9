package dev.signet.bench;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.Policy;
import dev.signet.core.Smime;
import dev.signet.directory.Directory;
import dev.signet.directory.Lookup;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.MailTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * What `signet send` does for one message, as a mail program keeping its connections: the recipient's
 * certificate and capabilities from the directory, the policy's plan, sign and encrypt, SMTP submission.
 */
final class SendPath {
  private final Smime smime = Smime.withDefaults();
  private final Policy policy = Policy.defaults();
  private final int bodyBytes;

  SendPath(int bodyBytes) {
    this.bodyBytes = bodyBytes;
  }

  /** Sends a text message of about {@code bodyBytes} with Message-ID {@code id} and Subject "load ID". */
  void send(LoadOrganisation.Person from, String to, String id, Directory gal, MailTransport.Connection smtp)
      throws IOException {
    Lookup found = gal.lookup(to, Instant.now());
    ComposeRequest request = new ComposeRequest(true, true, false, false, from.id(), List.of(new ComposeRequest.Recipient(
        to, found.encryptionCertificate(), Set.copyOf(found.capabilities()))), Instant.now());
    ComposePlan plan = ComposePolicy.plan(request, policy);
    ByteArrayOutputStream composed = new ByteArrayOutputStream(2 * bodyBytes + 8192);
    smime.compose(new ByteArrayInputStream(draft(from.email(), to, id)), plan, from.id(), composed);
    smtp.submit(new Envelope(from.email(), List.of(to)), composed.toByteArray());
  }

  private byte[] draft(String from, String to, String id) {
    StringBuilder text = new StringBuilder(bodyBytes + 512).append("From: ").append(from).append("\r\nTo: ").append(to)
        .append("\r\nSubject: load ").append(id).append("\r\nDate: ")
        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)))
        .append("\r\nMessage-ID: <").append(id).append(">\r\nMIME-Version: 1.0\r\n")
        .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    int head = text.length();
    while (text.length() - head < bodyBytes) {
      text.append("The quick brown fox jumps over the lazy dog, line ").append(text.length() - head).append(".\r\n");
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
