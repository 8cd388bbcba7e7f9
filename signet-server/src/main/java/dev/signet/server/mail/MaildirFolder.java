package dev.signet.server.mail;

import com.icegreen.greenmail.foedus.util.MsgRangeFilter;
import com.icegreen.greenmail.imap.ImapConstants;
import com.icegreen.greenmail.imap.commands.IdRange;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One IMAP folder kept as a directory, in Maildir's way ({@link MaildirLayout}): each message one file
 * in {@code cur/}, named by its UID and its flags ({@link MaildirNames}), its INTERNALDATE the file's
 * time; a new message is written to {@code tmp/}, forced to disk and renamed into {@code cur/} (the
 * directory forced too) before anyone is told it is there. A flag change is a rename, an expunge a
 * deletion.
 *
 * <p>The file names are the index ({@link MaildirIndex}): listed the first time the folder is used
 * (not when the service starts); a message's bytes are read only when it is asked for
 * ({@link MessageListing}). This class keeps the folder's place in the tree; its messages are
 * {@link MaildirMessages}.
 *
 * <p>One lock, this object's monitor, guards the place (parent, name, directory, children) and the
 * messages' index alike. Folders are locked parent before child, never child before parent (so
 * {@link #getFullName} lets go before it asks the parent); two folders' messages are held at once
 * only by a move, under the store's move lock, which a rename of a folder holds as well.
 */
final class MaildirFolder implements MailFolder, UIDFolder {
  private static final Flags PERMANENT = MaildirNames.kept();
  private static final Flags AVAILABLE = MaildirNames.kept();

  private final MaildirStore store;
  private final MaildirMessages messages;
  private final MessageListing listing = new MessageListing(this);
  private MaildirFolder parent; // null for the namespace root
  private String name;
  private Path dir; // null for the namespace root
  private boolean selectable;
  private long uidValidity;
  private List<MaildirFolder> children; // read when first asked for

  MaildirFolder(MaildirStore store, MaildirFolder parent, String name, Path dir, boolean selectable, long uidValidity) {
    this.store = store;
    this.messages = new MaildirMessages(this, store);
    this.parent = parent;
    this.name = name;
    this.dir = dir;
    this.selectable = selectable;
    this.uidValidity = uidValidity;
  }

  /** A folder that exists on disk at {@code dir}: its UIDVALIDITY and whether it is selectable are read. */
  static MaildirFolder read(MaildirStore store, MaildirFolder parent, String name, Path dir) throws IOException {
    return new MaildirFolder(store, parent, name, dir, MaildirLayout.selectable(dir), MaildirLayout.uidValidity(dir));
  }

  /** Makes the child folder {@code childName} on disk, whole (see {@link MaildirLayout#make}), and adopts it. */
  synchronized MaildirFolder makeChild(String childName, long childValidity, boolean childSelectable) throws IOException {
    Path subs = dir.resolve(MaildirLayout.CHILDREN);
    Files.createDirectories(subs);
    Path childDir = subs.resolve(MaildirStore.encode(childName));
    MaildirLayout.make(childDir, childValidity, childSelectable);
    MaildirFolder child = new MaildirFolder(store, this, childName, childDir, childSelectable, childValidity);
    adoptChild(child);
    return child;
  }

  // ---- the folder tree

  synchronized Path dir() {
    return dir;
  }

  synchronized MaildirFolder parent() {
    return parent;
  }

  /** The child folders, read from {@code sub/} the first time. */
  synchronized List<MaildirFolder> children() {
    if (children == null) {
      children = new CopyOnWriteArrayList<>();
      if (dir != null) {
        for (Path sub : MaildirLayout.children(dir)) {
          children.add(readChild(sub));
        }
      }
    }
    return children;
  }

  private MaildirFolder readChild(Path sub) {
    try {
      return read(store, this, MaildirStore.decode(sub.getFileName().toString()), sub);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the folders in " + dir, e);
    }
  }

  MaildirFolder child(String childName) {
    for (MaildirFolder c : children()) {
      if (c.getName().equalsIgnoreCase(childName)) {
        return c;
      }
    }
    return null;
  }

  synchronized void adoptChild(MaildirFolder child) {
    children().add(child);
  }

  synchronized void dropChild(MaildirFolder child) {
    children().remove(child);
  }

  /** After a rename on disk: this folder now lives at {@code newDir} under {@code newParent}. */
  synchronized void moved(MaildirFolder newParent, String newName, Path newDir) {
    parent = newParent;
    name = newName;
    relocate(newDir);
  }

  private synchronized void relocate(Path newDir) {
    dir = newDir;
    if (children != null) {
      for (MaildirFolder c : children) {
        c.relocate(newDir.resolve(MaildirLayout.CHILDREN).resolve(MaildirStore.encode(c.getName())));
      }
    }
  }

  synchronized void setSelectable(boolean value) throws IOException {
    if (value != selectable) {
      MaildirLayout.markSelectable(dir, value);
      selectable = value;
    }
  }

  @Override
  public synchronized String getName() {
    return name;
  }

  @Override
  public String getFullName() {
    MaildirFolder p;
    String n;
    synchronized (this) { // not held while the parent is asked: a rename locks parent, then child
      p = parent;
      n = name;
    }
    return p == null ? n : p.getFullName() + ImapConstants.HIERARCHY_DELIMITER_CHAR + n;
  }

  @Override
  public Flags getAvailableFlags() {
    return AVAILABLE;
  }

  @Override
  public Flags getPermanentFlags() {
    return PERMANENT;
  }

  @Override
  public synchronized boolean isSelectable() {
    return selectable;
  }

  @Override
  public synchronized long getUidValidity() {
    return uidValidity;
  }

  @Override
  public long getUIDValidity() {
    return getUidValidity();
  }

  // ---- the messages, each call taking this folder's lock itself (see MaildirMessages)

  @Override
  public int getMsn(long uid) throws FolderException {
    return messages.msn(uid);
  }

  @Override
  public int getMessageCount() {
    return messages.ask(MaildirIndex::count);
  }

  @Override
  public long getUIDNext() {
    return messages.ask(MaildirIndex::uidNext);
  }

  @Override
  public long[] getMessageUids() {
    return messages.ask(MaildirIndex::uids);
  }

  @Override
  public int getRecentCount(boolean reset) {
    return messages.recent(reset);
  }

  @Override
  public int getFirstUnseen() {
    return messages.ask(MaildirIndex::firstUnseen);
  }

  @Override
  public int getUnseenCount() {
    return messages.ask(MaildirIndex::unseen);
  }

  @Override
  public long appendMessage(MimeMessage message, Flags messageFlags, Date receivedDate) {
    return append(bytes(message), messageFlags, receivedDate == null ? new Date() : receivedDate);
  }

  @Override
  public void store(MovingMessage mail) {
    store(mail.getMessage());
  }

  @Override
  public void store(MimeMessage message) {
    append(bytes(message), new Flags(), new Date());
  }

  private static byte[] bytes(MimeMessage message) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try {
      message.writeTo(raw);
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException("cannot write a message out", e);
    }
    return raw.toByteArray();
  }

  /**
   * Keeps {@code raw} as a new message with {@code messageFlags} and returns its UID: when this returns,
   * the message is on disk (file and directory forced); if it throws, it was not acknowledged and need
   * not be there.
   */
  long append(byte[] raw, Flags messageFlags, Date received) {
    return messages.append(raw, messageFlags, received);
  }

  /** The exact bytes of message {@code uid} and its INTERNALDATE, if the folder holds it. */
  Optional<Raw> raw(long uid) {
    return messages.raw(uid);
  }

  /** A message's exact bytes, its UID, INTERNALDATE and the flags its file name keeps. */
  record Raw(long uid, Instant received, byte[] bytes, Flags flags) {}

  /** The messages after the {@code skip} newest, at most {@code limit}, newest first. */
  List<Raw> newest(int skip, int limit) {
    return listing.newest(skip, limit);
  }

  @Override
  public StoredMessage getMessage(long uid) {
    return messages.read(uid);
  }

  /** A stand-in with only message {@code uid}'s flags and UID, for commands that look at nothing else. */
  StoredMessage stub(long uid) {
    return messages.stub(uid);
  }

  @Override
  public List<StoredMessage> getMessages() {
    return listing.lazily(getMessageUids());
  }

  @Override
  public List<StoredMessage> getMessages(MsgRangeFilter range) {
    return listing.inRange(range);
  }

  @Override
  public List<StoredMessage> getNonDeletedMessages() {
    return listing.lazily(messages.ask(MaildirIndex::notDeleted));
  }

  @Override
  public long[] search(SearchTerm term) {
    return listing.search(term);
  }

  @Override
  public Message getMessageByUID(long uid) {
    StoredMessage m = getMessage(uid);
    return m == null ? null : m.getMimeMessage();
  }

  @Override
  public Message[] getMessagesByUID(long start, long end) {
    return listing.byUid(start, end);
  }

  @Override
  public Message[] getMessagesByUID(long[] wanted) {
    return listing.byUid(wanted);
  }

  @Override
  public long getUID(Message message) {
    if (message instanceof StoredMessage.UidAwareMimeMessage m) {
      return m.getUid();
    }
    throw new IllegalStateException("not a message of this folder: " + message);
  }

  @Override
  public void setFlags(Flags changed, boolean value, long uid, FolderListener silentListener, boolean addUid)
      throws FolderException {
    messages.setFlags(changed, value, uid, silentListener, addUid);
  }

  @Override
  public void replaceFlags(Flags replacement, long uid, FolderListener silentListener, boolean addUid)
      throws FolderException {
    messages.replaceFlags(replacement, uid, silentListener, addUid);
  }

  @Override
  public void expunge() throws FolderException {
    expunge((IdRange[]) null);
  }

  @Override
  public void expunge(IdRange[] ranges) {
    messages.expunge(ranges);
  }

  @Override
  public void deleteAllMessages() {
    messages.deleteAll();
  }

  @Override
  public long copyMessage(long uid, MailFolder toFolder) throws FolderException {
    return messages.copy(uid, ((MaildirFolder) toFolder).messages);
  }

  @Override
  public long moveMessage(long uid, MailFolder toFolder) throws FolderException {
    return messages.move(uid, ((MaildirFolder) toFolder).messages);
  }

  @Override
  public void addListener(FolderListener listener) {
    messages.addListener(listener);
  }

  @Override
  public void removeListener(FolderListener listener) {
    messages.removeListener(listener);
  }

  @Override
  public void signalDeletion() {
    messages.signalDeletion();
  }

  @Override
  public String toString() {
    return "MaildirFolder{" + getFullName() + " at " + dir + "}";
  }
}
