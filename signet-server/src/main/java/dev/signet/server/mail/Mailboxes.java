package dev.signet.server.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.store.InMemoryStore;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import java.util.Locale;

/**
 * GreenMail's managers for the organisation: only its people have mailboxes (mail to anyone else is
 * refused, where GreenMail would make the mailbox), each sees only their own ({@link PrivateMailboxes}),
 * and passwords are checked by {@link MailLogins}.
 */
final class Mailboxes extends Managers {
  private final ImapHostManager imap = new PrivateMailboxes(new InMemoryStore());
  private final UserManager users;
  private final SmtpManager smtp;

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

  /** GreenMail compares a stored password; here the service's own records decide. */
  private static final class OrganisationUsers extends UserManager {
    private final MailLogins logins;

    OrganisationUsers(ImapHostManager imap, MailLogins logins) {
      super(imap);
      this.logins = logins;
    }

    @Override
    public boolean test(String login, String password) {
      return login != null && password != null && hasUser(login.toLowerCase(Locale.ROOT))
          && logins.verify(login.toLowerCase(Locale.ROOT), password.toCharArray());
    }
  }
}
