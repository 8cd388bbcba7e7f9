package dev.signet.server.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.InMemoryStore;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import jakarta.mail.MessagingException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GreenMail's managers for the organisation: only its people have mailboxes (mail to anyone else is
 * refused, where GreenMail would make the mailbox), each sees only their own ({@link PrivateMailboxes}),
 * and passwords are checked by {@link MailLogins}.
 */
final class Mailboxes extends Managers {
  private final ImapHostManager imap = new PrivateMailboxes(new InMemoryStore());
  private final UserManager users;
  private final SmtpManager smtp;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  Mailboxes(MailLogins logins) {
    this.users = new OrganisationUsers(imap, logins);
    this.users.setMessageDeliveryHandler((message, address) -> {
      var user = users.getUserByEmail(address.getEmail().toLowerCase(Locale.ROOT));
      if (user == null) {
        throw new UserException("no mailbox for " + address.getEmail());
      }
      return user;
    });
    this.smtp = new SmtpManager(imap, users);
  }

  @Override
  public SmtpManager getSmtpManager() {
    return smtp;
  }

  @Override
  public UserManager getUserManager() {
    return users;
  }

  @Override
  public ImapHostManager getImapHostManager() {
    return imap;
  }

  boolean has(String address) {
    return users.getUserByEmail(address) != null;
  }

  /** Whether {@code address}'s mailbox holds its kept mail and keeps whatever arrives, so may take mail. */
  boolean ready(String address) {
    return ready.contains(address);
  }

  void markReady(String address) {
    ready.add(address);
  }

  /** GreenMail compares a stored password; here the service's own records decide. */
  private final class OrganisationUsers extends UserManager {
    private final MailLogins logins;

    OrganisationUsers(ImapHostManager imap, MailLogins logins) {
      super(imap);
      this.logins = logins;
    }

    /**
     * One delivery at a time per INBOX: GreenMail numbers a message before it files it, so two at once
     * could file UID 6 before UID 5, and a client that has seen 6 would never fetch 5.
     */
    @Override
    public void deliver(MovingMessage message, MailAddress address) throws MessagingException, UserException {
      GreenMailUser user = getUserByEmail(address.getEmail().toLowerCase(Locale.ROOT));
      if (user == null) {
        super.deliver(message, address); // refuses it: no mailbox
        return;
      }
      MailFolder inbox;
      try {
        inbox = getImapHostManager().getInbox(user);
      } catch (FolderException e) {
        throw new UserException("cannot open the INBOX of " + address.getEmail(), e);
      }
      synchronized (inbox) {
        super.deliver(message, address);
      }
    }

    @Override
    public boolean test(String login, String password) {
      return login != null && password != null && hasUser(login.toLowerCase(Locale.ROOT))
          && ready.contains(login.toLowerCase(Locale.ROOT)) // an APPEND before then would not be kept
          && logins.verify(login.toLowerCase(Locale.ROOT), password.toCharArray());
    }
  }
}
