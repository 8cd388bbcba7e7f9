package dev.signet.server.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GreenMail's managers for the organisation: only its people have mailboxes (mail to anyone else is
 * refused, where GreenMail would make the mailbox), each sees only their own ({@link PrivateMailboxes}),
 * all kept on disk ({@link MaildirStore}), and passwords are checked by {@link MailLogins}.
 */
final class OrganisationMailboxes extends Managers {
  private final ImapHostManager imap;
  private final UserManager users;
  private final SmtpManager smtp;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  OrganisationMailboxes(MailLogins logins, MaildirStore store) {
    this.imap = new PrivateMailboxes(store);
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

    @Override
    public boolean test(String login, String password) {
      return login != null && password != null && hasUser(login.toLowerCase(Locale.ROOT))
          && ready.contains(login.toLowerCase(Locale.ROOT)) // an APPEND before then would not be kept
          && logins.verify(login.toLowerCase(Locale.ROOT), password.toCharArray());
    }
  }
}
