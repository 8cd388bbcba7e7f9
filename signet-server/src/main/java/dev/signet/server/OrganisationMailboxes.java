package dev.signet.server;

import dev.signet.server.mail.MailService;
import dev.signet.server.web.Accounts;
import dev.signet.server.web.Mailboxes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The web UI's mailboxes are the mail server's: what arrives over SMTP shows in the web inbox, and
 * what the web UI sends lands in the INBOX that IMAP reads. A person with an account gets their
 * mailbox when the web first asks for it (people the administrator adds while the service runs).
 */
final class OrganisationMailboxes implements Mailboxes {
  private final MailService mail;
  private final Accounts accounts;

  OrganisationMailboxes(MailService mail, Accounts accounts) {
    this.mail = mail;
    this.accounts = accounts;
  }

  @Override
  public List<Message> list(Owner owner) {
    List<Message> newestFirst = new ArrayList<>(mail.inbox(opened(owner.address())).stream()
        .map(OrganisationMailboxes::message).toList());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public Page page(Owner owner, int skip, int limit) {
    String address = opened(owner.address());
    return new Page(mail.newest(address, skip, limit).stream().map(OrganisationMailboxes::message).toList(),
        mail.count(address));
  }

  @Override
  public Optional<Message> fetch(Owner owner, String id) {
    if (!id.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return mail.mail(opened(owner.address()), Long.parseLong(id)).map(OrganisationMailboxes::message);
  }

  @Override
  public void deliver(Owner from, List<String> recipients, byte[] message) {
    mail.deliver(recipients.stream().map(this::opened).toList(), message);
  }

  private String opened(String address) {
    if (accounts.find(address).isEmpty()) {
      throw new IllegalArgumentException("no mailbox here for " + address);
    }
    mail.addMailbox(address);
    return address;
  }

  private static Message message(MailService.Mail m) {
    return new Message(Long.toString(m.uid()), m.received(), m.raw());
  }
}
