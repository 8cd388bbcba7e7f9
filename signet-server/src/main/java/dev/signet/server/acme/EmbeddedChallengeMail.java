package dev.signet.server.acme;

import dev.signet.server.mail.MailService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Challenges through the embedded mail server: delivered to the person's mailbox, replies read from the
 * CA's. The embedded server takes mail for the CA's address only by SMTP submission, after AUTH and with
 * MAIL FROM the address logged in (the web UI delivers only to people's accounts, which the CA's address
 * is not), and puts its own Return-Path and Received fields in front of each message: so the first
 * field names the mailbox that sent it, whatever the sender wrote below.
 */
public record EmbeddedChallengeMail(MailService mail, String address) implements ChallengeMail {
  private static final Pattern SUBMITTED = Pattern.compile("\\AReturn-Path: <([^>\\s]+)>\r\nReceived: from [^\r\n]* by signet; ");

  public EmbeddedChallengeMail {
    mail.addMailbox(address);
  }

  @Override
  public void send(String to, byte[] message) {
    mail.addMailbox(to);
    mail.deliver(List.of(to), message);
  }

  @Override
  public List<Reply> replies() {
    List<Reply> replies = new ArrayList<>();
    for (MailService.Mail m : mail.inbox(address)) {
      String text = new String(m.raw(), StandardCharsets.UTF_8);
      Matcher submitted = SUBMITTED.matcher(text);
      if (submitted.find()) {
        replies.add(new Reply(m.uid(), m.received(), submitted.group(1), text));
      } else {
        discard(m.uid()); // no submitter to vouch for it: it can never answer a challenge
      }
    }
    return replies;
  }

  @Override
  public void discard(long id) {
    mail.folders(address).remove("INBOX", List.of(id));
  }
}
