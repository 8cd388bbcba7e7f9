package dev.signet.server.mail;

import com.icegreen.greenmail.imap.ImapConstants;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.Store;
import jakarta.mail.Quota;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail store behind GreenMail's IMAP and SMTP: every person's folders on disk, in the service's
 * mail folder ({@code <address>/sub/INBOX/cur/42:2,S}, see {@link MaildirFolder}), so what is
 * acknowledged is kept, whenever the process dies. Nothing is read at start-up: a person's folders
 * when their mailbox is opened, a folder's index when it is first used, a message when it is asked
 * for. A person's subscriptions are kept in {@code <address>/subscriptions}.
 *
 * <p>Mail kept by earlier versions ({@code <address>/000000000001.eml}, ...) moves into the INBOX,
 * once, when the person's mailbox is first opened.
 */
final class MaildirStore implements Store {
  static final String SUBSCRIPTIONS = "subscriptions";
  private static final Pattern LEGACY = Pattern.compile("([0-9]{12})\\.eml");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 _-]");

  private final Path root;
  private final Clock clock = Clock.systemUTC(); // UIDVALIDITY is a time (RFC 3501 2.3.1.1)
  private final MaildirFolder namespace;
  private final Object moves = new Object();
  private final AtomicLong lastValidity = new AtomicLong();

  MaildirStore(Path root) {
    this.root = root;
    this.namespace = new MaildirFolder(this, null, ImapConstants.USER_NAMESPACE, null, false, 0);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the mail folder " + root, e);
    }
  }

  Object moves() {
    return moves;
  }

  /** A UIDVALIDITY no folder made by this process has had, and later than any made before (it is a time). */
  long newUidValidity() {
    long now = clock.instant().getEpochSecond();
    return lastValidity.updateAndGet(last -> Math.max(last + 1, now));
  }

  /**
   * Opens {@code address}'s mailbox (made if new), named {@code qualified} in GreenMail's namespace,
   * with an INBOX: reads no mail, only moves mail kept by earlier versions in, the first time.
   */
  synchronized MaildirFolder openAccount(String qualified, String address) throws IOException {
    Path dir = root.resolve(address);
    MaildirFolder taken = (MaildirFolder) getMailbox(namespace, qualified);
    if (taken != null && !taken.dir().equals(dir)) {
      throw new IOException("the mailbox of " + address + " would share its name " + qualified + " with another");
    }
    Files.createDirectories(dir.resolve(MaildirLayout.CHILDREN));
    MaildirFolder account = new MaildirFolder(this, namespace, qualified, dir, false, 0);
    MaildirFolder inbox = account.child(ImapConstants.INBOX_NAME);
    if (inbox == null) {
      account.makeChild(ImapConstants.INBOX_NAME, newUidValidity(), true);
    }
    adoptLegacyMail(dir);
    if (taken != null) {
      namespace.dropChild(taken);
    }
    namespace.adoptChild(account);
    return account;
  }

  /** Forgets {@code address}'s mailbox until it is opened again; deletes nothing. */
  synchronized void closeAccount(String qualified, String address) {
    MaildirFolder account = (MaildirFolder) getMailbox(namespace, qualified);
    if (account != null && account.dir().equals(root.resolve(address))) {
      namespace.dropChild(account);
    }
  }

  /** Moves the files an earlier version kept ({@code 000000000007.eml}) into the INBOX as UID 7, and so on. */
  private static void adoptLegacyMail(Path dir) throws IOException {
    Path cur = dir.resolve(MaildirLayout.CHILDREN).resolve(ImapConstants.INBOX_NAME).resolve(MaildirLayout.MESSAGES);
    boolean moved = false;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        Matcher m = LEGACY.matcher(fileName);
        if (m.matches()) {
          Durably.rename(file, cur.resolve(Long.parseLong(m.group(1)) + ":2,"));
          moved = true;
        } else if (fileName.startsWith(".mail-") && fileName.endsWith(".part")) {
          Files.deleteIfExists(file); // a write a crash cut short: never acknowledged
        }
      }
    }
    if (moved) {
      Durably.force(cur);
      Durably.force(dir);
    }
  }

  /** The person's folder names (below their root, as "INBOX" or "Archive.2024") they have subscribed to. */
  synchronized Set<String> subscriptions(MaildirFolder account) {
    try {
      return new LinkedHashSet<>(Files.readAllLines(account.dir().resolve(SUBSCRIPTIONS), StandardCharsets.UTF_8));
    } catch (NoSuchFileException none) {
      return new LinkedHashSet<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the subscriptions in " + account.dir(), e);
    }
  }

  synchronized void subscribe(MaildirFolder account, String relativeName, boolean subscribed) throws IOException {
    Set<String> names = subscriptions(account);
    if (subscribed ? names.add(relativeName) : names.remove(relativeName)) {
      Durably.replace(account.dir().resolve(SUBSCRIPTIONS), String.join("\n", names) + (names.isEmpty() ? "" : "\n"));
    }
  }

  /** The folder's name below its person's root ("INBOX", "Archive.2024"). */
  static String relativeName(MaildirFolder folder) {
    List<String> names = new ArrayList<>();
    for (MaildirFolder f = folder; f.parent() != null && f.parent().parent() != null; f = f.parent()) {
      names.add(0, f.getName());
    }
    return String.join(ImapConstants.HIERARCHY_DELIMITER, names);
  }

  /** The person's root that {@code folder} is below (or is). */
  static MaildirFolder accountOf(MaildirFolder folder) {
    MaildirFolder f = folder;
    while (f.parent() != null && f.parent().parent() != null) {
      f = f.parent();
    }
    return f;
  }

  /** A folder name as a file name: anything but letters, digits, space, '_' and '-' as %XX of its UTF-8. */
  static String encode(String folderName) {
    StringBuilder s = new StringBuilder();
    for (byte b : folderName.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && SAFE.matcher(String.valueOf(c)).matches()) {
        s.append(c);
      } else {
        s.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return s.toString();
  }

  static String decode(String fileName) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c == '%' && i + 2 < fileName.length()) {
        bytes.write(Integer.parseInt(fileName.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  // ---- GreenMail's Store

  @Override
  public MailFolder getMailbox(String absoluteName) {
    String[] names = absoluteName.split("\\" + ImapConstants.HIERARCHY_DELIMITER, -1);
    if (!names[0].equalsIgnoreCase(ImapConstants.USER_NAMESPACE)) {
      throw new IllegalStateException("Can not extract mail root '" + ImapConstants.USER_NAMESPACE + "' from "
          + absoluteName);
    }
    MaildirFolder folder = namespace;
    for (int i = 1; i < names.length && folder != null; i++) {
      folder = folder.child(names[i]);
    }
    return folder;
  }

  @Override
  public MailFolder getMailbox(MailFolder parent, String name) {
    return ((MaildirFolder) parent).child(name);
  }

  @Override
  public Collection<MailFolder> getChildren(MailFolder parent) {
    return Collections.unmodifiableList(new ArrayList<>(((MaildirFolder) parent).children()));
  }

  @Override
  public MailFolder createMailbox(MailFolder parent, String name, boolean selectable) throws FolderException {
    if (name.isEmpty() || name.indexOf(ImapConstants.HIERARCHY_DELIMITER_CHAR) != -1) {
      throw new FolderException("Invalid mailbox name " + name);
    }
    MaildirFolder p = (MaildirFolder) parent;
    if (p == namespace) {
      throw new FolderException("a person's mailbox is made by the service");
    }
    synchronized (p) {
      if (p.child(name) != null) {
        throw new FolderException("Mailbox " + name + " already exists.");
      }
      try {
        return p.makeChild(name, newUidValidity(), selectable);
      } catch (IOException e) {
        throw new FolderException("cannot make the mailbox " + name, e);
      }
    }
  }

  @Override
  public MailFolder setSelectable(MailFolder folder, boolean selectable) {
    try {
      ((MaildirFolder) folder).setSelectable(selectable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot change the mailbox " + folder.getFullName(), e);
    }
    return folder;
  }

  @Override
  public void deleteMailbox(MailFolder folder) throws FolderException {
    MaildirFolder f = (MaildirFolder) folder;
    MaildirFolder p = f.parent();
    if (p == null || p == namespace) {
      throw new FolderException("Cannot delete " + folder.getName());
    }
    if (!f.children().isEmpty()) {
      throw new FolderException("Cannot delete mailbox " + folder.getName() + " with children.");
    }
    if (f.getMessageCount() != 0) {
      throw new FolderException("Cannot delete non-empty mailbox " + folder.getName());
    }
    synchronized (p) {
      try {
        Path dir = f.dir();
        // Renamed aside first, so a crash leaves it whole or gone (an aside one is cleared when next listed).
        Path gone = Durably.aside(dir, "gone");
        Durably.rename(dir, gone);
        Durably.force(dir.getParent());
        p.dropChild(f);
        Durably.deleteTree(gone);
      } catch (IOException e) {
        throw new FolderException("cannot delete the mailbox " + folder.getName(), e);
      }
    }
  }

  @Override
  public void renameMailbox(MailFolder existingFolder, String newName) throws FolderException {
    MaildirFolder f = (MaildirFolder) existingFolder;
    MaildirFolder account = accountOf(f);
    String own = account.getFullName() + ImapConstants.HIERARCHY_DELIMITER;
    String relative = newName.startsWith(own) ? newName.substring(own.length()) : newName;
    String[] path = relative.split("\\" + ImapConstants.HIERARCHY_DELIMITER, -1);
    MaildirFolder newParent = account;
    for (int i = 0; i < path.length - 1; i++) {
      newParent = newParent.child(path[i]);
      if (newParent == null) {
        throw new FolderException("No mailbox " + path[i] + " to rename into");
      }
    }
    String last = path[path.length - 1];
    if (last.isEmpty() || newParent.child(last) != null) {
      throw new FolderException("Cannot rename to " + newName);
    }
    for (MaildirFolder a = newParent; a != null; a = a.parent()) {
      if (a == f) {
        throw new FolderException("Cannot rename a mailbox into itself");
      }
    }
    synchronized (moves) {
      MaildirFolder oldParent = f.parent();
      try {
        Path subs = newParent.dir().resolve(MaildirLayout.CHILDREN);
        Files.createDirectories(subs);
        Path target = subs.resolve(encode(last));
        Path from = f.dir();
        Durably.rename(from, target);
        Durably.force(subs);
        Durably.force(from.getParent());
        oldParent.dropChild(f);
        f.moved(newParent, last, target);
        newParent.adoptChild(f);
      } catch (IOException e) {
        throw new FolderException("cannot rename the mailbox " + existingFolder.getName(), e);
      }
    }
  }

  @Override
  public Collection<MailFolder> listMailboxes(String searchPattern) throws FolderException {
    int star = searchPattern.indexOf('*');
    int percent = searchPattern.indexOf('%');
    if ((star > -1 && star < searchPattern.length() - 1) || (percent > -1 && percent < searchPattern.length() - 1)) {
      throw new FolderException("Wildcard characters <" + searchPattern
          + "> are only handled as the last character of a list argument");
    }
    List<MailFolder> found = new ArrayList<>();
    if (star != -1 || percent != -1) {
      int lastDot = searchPattern.lastIndexOf(ImapConstants.HIERARCHY_DELIMITER);
      String parentName = lastDot < 0 ? ImapConstants.USER_NAMESPACE : searchPattern.substring(0, lastDot);
      String match = searchPattern.substring(lastDot + 1, searchPattern.length() - 1);
      MaildirFolder parent = (MaildirFolder) getMailbox(parentName);
      if (parent != null) {
        for (MaildirFolder child : parent.children()) {
          if (child.getName().startsWith(match)) {
            found.add(child);
            if (star != -1) {
              addAll(child, found);
            }
          }
        }
      }
    } else {
      MailFolder folder = getMailbox(searchPattern);
      if (folder != null) {
        found.add(folder);
      }
    }
    return found;
  }

  private static void addAll(MaildirFolder folder, List<MailFolder> found) {
    for (MaildirFolder child : folder.children()) {
      found.add(child);
      addAll(child, found);
    }
  }

  @Override
  public Quota[] getQuota(String root, String qualifiedRootPrefix) {
    return new Quota[0];
  }

  @Override
  public void setQuota(Quota quota, String qualifiedRootPrefix) {
    throw new UnsupportedOperationException("no quotas here");
  }

  @Override
  public void deleteQuota(String qualifiedRootPrefix) {
    // no quotas here
  }

  @Override
  public boolean isQuotaSupported() {
    return false;
  }

  @Override
  public void setQuotaSupported(boolean supported) {
    // no quotas here
  }
}
