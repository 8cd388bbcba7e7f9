package dev.signet.server.mail;

import com.icegreen.greenmail.imap.ImapConstants;
import com.icegreen.greenmail.imap.ImapHostManagerImpl;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * GreenMail's IMAP mailboxes, each person confined to their own. GreenMail takes a name that starts
 * with its namespace ("#mail.") as absolute, so anyone logged in could list and open everyone's
 * INBOX; here such a name must lie under the person's own root, and listings show only their folders.
 */
final class PrivateMailboxes extends ImapHostManagerImpl {

  private final MaildirStore store;

  PrivateMailboxes(MaildirStore store) {
    super(store);
    this.store = store;
  }

  /** Opens the person's mailbox in the store (kept across restarts), rather than making a new one. */
  @Override
  public void createPrivateMailAccount(GreenMailUser user) throws FolderException {
    try {
      store.openAccount(user.getQualifiedMailboxName(), user.getEmail());
    } catch (IOException e) {
      throw new FolderException("cannot open the mailbox of " + user.getEmail(), e);
    }
  }

  private static String root(GreenMailUser user) {
    return ImapConstants.USER_NAMESPACE + ImapConstants.HIERARCHY_DELIMITER + user.getQualifiedMailboxName();
  }

  private static boolean own(GreenMailUser user, String name) {
    return !name.startsWith(ImapConstants.NAMESPACE_PREFIX) || name.equals(ImapConstants.USER_NAMESPACE)
        || name.equals(root(user))
        || name.startsWith(root(user) + ImapConstants.HIERARCHY_DELIMITER);
  }

  private static String checked(GreenMailUser user, String name) throws FolderException {
    if (!own(user, name)) {
      throw new FolderException("No such mailbox: " + name);
    }
    return name;
  }

  private static Collection<MailFolder> onlyOwn(GreenMailUser user, Collection<MailFolder> folders) {
    return folders.stream().filter(f -> own(user, f.getFullName())).toList();
  }

  /** A person's mail is never deleted with their GreenMail user: the store only forgets the mailbox. */
  @Override
  public void deletePrivateMailAccount(GreenMailUser user) {
    store.closeAccount(user.getQualifiedMailboxName(), user.getEmail());
  }

  @Override
  public MailFolder getFolder(GreenMailUser user, String name) {
    return own(user, name) ? super.getFolder(user, name) : null;
  }

  @Override
  public MailFolder getFolder(GreenMailUser user, String name, boolean mustExist) throws FolderException {
    return super.getFolder(user, checked(user, name), mustExist);
  }

  @Override
  public MailFolder createMailbox(GreenMailUser user, String name) throws FolderException {
    return super.createMailbox(user, checked(user, name));
  }

  @Override
  public void deleteMailbox(GreenMailUser user, String name) throws FolderException {
    super.deleteMailbox(user, checked(user, name));
  }

  @Override
  public void renameMailbox(GreenMailUser user, String from, String to) throws FolderException {
    super.renameMailbox(user, checked(user, from), checked(user, to));
  }

  @Override
  public Collection<MailFolder> listMailboxes(GreenMailUser user, String pattern) throws FolderException {
    return onlyOwn(user, super.listMailboxes(user, pattern));
  }

  /** Subscriptions are kept in the store, across restarts (GreenMail keeps them in memory). */
  @Override
  public Collection<MailFolder> listSubscribedMailboxes(GreenMailUser user, String pattern) throws FolderException {
    Collection<MailFolder> all = listMailboxes(user, pattern);
    if (all.isEmpty()) {
      return all;
    }
    Set<String> subscribed = store.subscriptions(MaildirStore.accountOf((MaildirFolder) all.iterator().next()));
    return all.stream().filter(f -> subscribed.contains(MaildirStore.relativeName((MaildirFolder) f))).toList();
  }

  @Override
  public void subscribe(GreenMailUser user, String name) throws FolderException {
    subscribe(user, name, true);
  }

  @Override
  public void unsubscribe(GreenMailUser user, String name) throws FolderException {
    subscribe(user, name, false);
  }

  private void subscribe(GreenMailUser user, String name, boolean subscribed) throws FolderException {
    MaildirFolder folder = (MaildirFolder) getFolder(user, checked(user, name), true);
    try {
      store.subscribe(MaildirStore.accountOf(folder), MaildirStore.relativeName(folder), subscribed);
    } catch (IOException e) {
      throw new FolderException("cannot keep the subscription to " + name, e);
    }
  }
}
