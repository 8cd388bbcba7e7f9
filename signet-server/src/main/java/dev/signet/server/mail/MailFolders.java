package dev.signet.server.mail;

import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.imap.commands.IdRange;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Flags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One person's folders in the mail store, as the service's own web UI uses them: the same folders,
 * messages and flags a mail program sees over IMAP. Folder names are relative to the person's root
 * ("INBOX", "Archive"); only folders at the top are listed.
 */
public final class MailFolders {
  private final ImapHostManager imap;
  private final GreenMailUser user;

  MailFolders(ImapHostManager imap, GreenMailUser user) {
    this.imap = imap;
    this.user = user;
  }

  /** A folder as listed: how many messages it holds, how many of them unseen. */
  public record Folder(String name, int total, int unread) {}

  /**
   * The person's folders: {@code standard} first, in that order (made when missing), then the others by
   * name.
   */
  public List<Folder> list(List<String> standard) {
    ensure(standard);
    MaildirFolder account = folder("INBOX").parent();
    List<Folder> folders = new ArrayList<>();
    standard.forEach(name -> folders.add(listed(account.child(name))));
    account.children().stream().filter(f -> f.isSelectable() && !standard.contains(f.getName()))
        .sorted(Comparator.comparing(MaildirFolder::getName)).forEach(f -> folders.add(listed(f)));
    return folders;
  }

  /** Makes those of the {@code standard} folders the person lacks. */
  public void ensure(List<String> standard) {
    MaildirFolder account = folder("INBOX").parent();
    for (String name : standard) {
      if (account.child(name) == null) {
        create(name);
      }
    }
  }

  private static Folder listed(MaildirFolder f) {
    return new Folder(f.getName(), f.getMessageCount(), f.getUnseenCount());
  }

  /** Whether the person has a folder called {@code name}. */
  public boolean has(String name) {
    return imap.getFolder(user, name) != null;
  }

  public int count(String folder) {
    return folder(folder).getMessageCount();
  }

  /** The messages of {@code folder} after its {@code skip} newest, at most {@code limit}, newest first. */
  public List<MailService.Mail> newest(String folder, int skip, int limit) {
    return folder(folder).newest(skip, limit).stream().map(MailService::mail).toList();
  }

  public Optional<MailService.Mail> mail(String folder, long uid) {
    return folder(folder).raw(uid).map(MailService::mail);
  }

  /** Moves messages {@code uids} of {@code folder} to {@code to}; those it does not hold are passed over. */
  public void move(String folder, List<Long> uids, String to) {
    MaildirFolder from = folder(folder);
    MaildirFolder target = folder(to);
    if (from == target) {
      return;
    }
    for (long uid : held(from, uids)) {
      refusing(() -> from.moveMessage(uid, target));
    }
  }

  /** Sets or clears {@code flag} on messages {@code uids} of {@code folder}. */
  public void flag(String folder, List<Long> uids, Flags.Flag flag, boolean set) {
    MaildirFolder f = folder(folder);
    for (long uid : held(f, uids)) {
      refusing(() -> f.setFlags(new Flags(flag), set, uid, null, false));
    }
  }

  /** Removes messages {@code uids} of {@code folder} for good. */
  public void remove(String folder, List<Long> uids) {
    MaildirFolder f = folder(folder);
    List<Long> held = held(f, uids);
    for (long uid : held) {
      refusing(() -> f.setFlags(new Flags(Flags.Flag.DELETED), true, uid, null, false));
    }
    f.expunge(held.stream().map(IdRange::new).toArray(IdRange[]::new));
  }

  /** Puts {@code message} (its exact bytes) into {@code folder} with {@code flags}. */
  public void append(String folder, byte[] message, Flags flags) {
    folder(folder).append(message, flags, new Date());
  }

  public void create(String name) {
    refusing(() -> imap.createMailbox(user, name));
  }

  public void rename(String name, String newName) {
    folder(name);
    refusing(() -> imap.renameMailbox(user, name, newName));
  }

  /** Deletes folder {@code name}, its messages moved to {@code trash} first. */
  public void delete(String name, String trash) {
    MaildirFolder f = folder(name);
    List<Long> all = new ArrayList<>();
    for (long uid : f.getMessageUids()) {
      all.add(uid);
    }
    move(name, all, trash);
    refusing(() -> imap.deleteMailbox(user, name));
  }

  private static List<Long> held(MaildirFolder f, List<Long> uids) {
    Set<Long> all = new HashSet<>();
    for (long uid : f.getMessageUids()) {
      all.add(uid);
    }
    return uids.stream().filter(all::contains).distinct().toList();
  }

  private MaildirFolder folder(String name) {
    MailFolder f = imap.getFolder(user, name);
    if (!(f instanceof MaildirFolder m) || !m.isSelectable()) {
      throw new IllegalArgumentException("You have no folder called " + name + ".");
    }
    return m;
  }

  private interface StoreWork {
    void run() throws FolderException, AuthorizationException;
  }

  /** What the store refuses (a name taken, say) becomes the refusal the person is told of. */
  private static void refusing(StoreWork work) {
    try {
      work.run();
    } catch (FolderException | AuthorizationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
