package dev.signet.server.acme;

import dev.signet.server.mail.MailService;
import java.util.List;

/** Challenges through the embedded mail server: delivered to the person's mailbox, replies read from the CA's. */
public record EmbeddedChallengeMail(MailService mail, String address) implements ChallengeMail {
  public EmbeddedChallengeMail {
    mail.addMailbox(address);
  }

  @Override
  public void send(String to, byte[] message) {
    mail.addMailbox(to);
    mail.deliver(List.of(to), message);
  }

  @Override
  public List<byte[]> received() {
    return mail.inbox(address).stream().map(MailService.Mail::raw).toList();
  }
}
