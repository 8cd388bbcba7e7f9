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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * ({@link MessageListing}). This class keeps the folder tree and its lock, which guards the index.
 */
final class MaildirFolder implements MailFolder, UIDFolder {
  private static final byte RECENT = MaildirNames.RECENT; // this run only, as IMAP has it
  private static final byte KEPT = MaildirNames.KEPT;
  private static final Flags PERMANENT = MaildirNames.kept();
  private static final Flags AVAILABLE = MaildirNames.kept();

  private final MaildirStore store;
  private final List<FolderListener> listeners = new CopyOnWriteArrayList<>();
  private final RecentlyRead recentlyRead = new RecentlyRead();
  private final MessageListing listing = new MessageListing(this);
  private MaildirFolder parent; // null for the namespace root
  private String name;
  private Path dir; // null for the namespace root
  private boolean selectable;
  private long uidValidity;
  private List<MaildirFolder> children; // read when first asked for
  private MaildirIndex index; // read when first needed

  MaildirFolder(MaildirStore store, MaildirFolder parent, String name, Path dir, boolean selectable, long uidValidity) {
    this.store = store;
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

  // ---- the index

  /** The index, read from the file names the first time. */
  private MaildirIndex index() {
    if (index == null) {
      try {
        index = dir == null ? MaildirIndex.empty() : MaildirIndex.read(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the folder " + dir, e);
      }
    }
    return index;
  }

  private Path file(int i) {
    return dir.resolve(MaildirLayout.MESSAGES).resolve(index.fileName(i));
  }

  /** Where message {@code uid} stands in the index (read first if need be); refused if the folder does not hold it. */
  private int indexOfHeld(long uid) throws FolderException {
    int i = index().indexOf(uid);
    if (i < 0) {
      throw new FolderException("No such message with uid " + uid + " in folder " + name);
    }
    return i;
  }

  /** Drops the message at {@code i}, whose file is gone, from the index and tells the listeners. */
  private void forget(int i) {
    recentlyRead.forget(index.uid(i));
    index.remove(i);
    for (FolderListener l : listeners) {
      l.expunged(i + 1);
    }
  }

  @Override
  public synchronized int getMsn(long uid) throws FolderException {
    return indexOfHeld(uid) + 1;
  }

  @Override
  public synchronized int getMessageCount() {
    return index().count();
  }

  @Override
  public synchronized long getUIDNext() {
    return index().uidNext();
  }

  @Override
  public synchronized long[] getMessageUids() {
    return index().uids();
  }

  @Override
  public synchronized int getRecentCount(boolean reset) {
    int recent = index().recent(reset);
    if (reset) {
      recentlyRead.clear();
    }
    return recent;
  }

  @Override
  public synchronized int getFirstUnseen() {
    return index().firstUnseen();
  }

  @Override
  public synchronized int getUnseenCount() {
    return index().unseen();
  }

  // ---- adding messages

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
    Path staging;
    synchronized (this) {
      requireSelectable();
      index(); // before writing to tmp/, which the first reading of the index clears
      staging = dir.resolve(MaildirLayout.STAGING);
    }
    Path staged = Durably.stagedName(staging);
    try {
      Durably.writeNew(staged, raw, FileTime.from(received.toInstant()));
      return adopt(staged, MaildirNames.bits(messageFlags), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a message in " + staging, e);
    } finally {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException ignored) {
        // tmp/ is cleared when the folder is next read
      }
    }
  }

  private void requireSelectable() {
    if (dir == null || !selectable) {
      throw new IllegalStateException("the folder " + name + " holds no messages");
    }
  }

  // ---- reading messages

  /** One message's file as it is now, or empty if the folder does not hold {@code uid}. */
  private synchronized Optional<Path> fileOf(long uid) {
    int i = index().indexOf(uid);
    return i < 0 ? Optional.empty() : Optional.of(file(i));
  }

  /** The exact bytes of message {@code uid} and its INTERNALDATE, if the folder holds it. */
  Optional<Raw> raw(long uid) {
    for (int attempt = 0; ; attempt++) {
      Optional<Path> file = fileOf(uid);
      if (file.isEmpty()) {
        return Optional.empty();
      }
      try {
        Instant received = Files.getLastModifiedTime(file.get()).toInstant();
        byte kept = (byte) (MaildirNames.parse(file.get().getFileName().toString()) & 0xff);
        return Optional.of(new Raw(uid, received, Files.readAllBytes(file.get()), MaildirNames.flags(kept)));
      } catch (NoSuchFileException renamed) {
        if (attempt > 8) {
          throw new UncheckedIOException("message " + uid + " keeps moving: " + file.get(), renamed);
        } // its flags changed, or it was expunged, meanwhile: look again
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read message " + uid + ": " + file.get(), e);
      }
    }
  }

  /** A message's exact bytes, its UID, INTERNALDATE and the flags its file name keeps. */
  record Raw(long uid, Instant received, byte[] bytes, Flags flags) {}

  /** The messages after the {@code skip} newest, at most {@code limit}, newest first. */
  List<Raw> newest(int skip, int limit) {
    return listing.newest(skip, limit);
  }

  @Override
  public StoredMessage getMessage(long uid) {
    synchronized (this) {
      StoredMessage cached = recentlyRead.get(uid);
      if (cached != null) {
        return cached;
      }
    }
    Optional<Raw> raw = raw(uid);
    if (raw.isEmpty()) {
      return null;
    }
    synchronized (this) {
      int i = index.indexOf(uid);
      if (i < 0) {
        return null;
      }
      byte[] bytes = raw.get().bytes();
      StoredMessage m = StoredMessages.of(bytes, MaildirNames.flags(index.flags(i)), Date.from(raw.get().received()), uid);
      recentlyRead.keep(uid, m, bytes.length);
      return m;
    }
  }

  /** A stand-in with only message {@code uid}'s flags and UID, for commands that look at nothing else. */
  synchronized StoredMessage stub(long uid) {
    int i = index().indexOf(uid);
    return i < 0 ? null : StoredMessages.stub(MaildirNames.flags(index.flags(i)), new Date(0), uid);
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
    long[] chosen;
    synchronized (this) {
      chosen = index().notDeleted();
    }
    return listing.lazily(chosen);
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

  // ---- flags

  @Override
  public void setFlags(Flags changed, boolean value, long uid, FolderListener silentListener, boolean addUid)
      throws FolderException {
    byte b = MaildirNames.bits(changed);
    change(uid, old -> value ? (byte) (old | b) : (byte) (old & ~b), silentListener, addUid);
  }

  @Override
  public void replaceFlags(Flags replacement, long uid, FolderListener silentListener, boolean addUid)
      throws FolderException {
    byte b = MaildirNames.bits(replacement);
    change(uid, old -> (byte) (b | (old & RECENT)), silentListener, addUid);
  }

  private interface FlagChange {
    byte apply(byte old);
  }

  private synchronized void change(long uid, FlagChange how, FolderListener silentListener, boolean addUid)
      throws FolderException {
    int i = indexOfHeld(uid);
    byte before = index.flags(i);
    byte after = how.apply(before);
    if ((before & KEPT) != (after & KEPT)) {
      rename(i, uid, after);
    }
    index.setFlags(i, after);
    recentlyRead.flagsChanged(uid, after);
    Flags now = MaildirNames.flags(after);
    for (FolderListener l : listeners) {
      if (l != silentListener) {
        l.flagsUpdated(i + 1, now, addUid ? uid : null);
      }
    }
  }

  /** Renames the file of message {@code uid}, at {@code i}, for the flags {@code after}. */
  private void rename(int i, long uid, byte after) throws FolderException {
    Path from = file(i);
    try {
      Durably.rename(from, from.resolveSibling(MaildirNames.fileName(uid, (byte) (after & KEPT))));
      Durably.force(dir.resolve(MaildirLayout.MESSAGES));
    } catch (IOException e) {
      throw new FolderException("cannot keep the flags of message " + uid, e);
    }
  }

  // ---- removing, copying and moving messages

  @Override
  public void expunge() throws FolderException {
    expunge((IdRange[]) null);
  }

  @Override
  public synchronized void expunge(IdRange[] ranges) {
    List<Integer> gone = index().deleted(ranges);
    if (gone.isEmpty()) {
      return;
    }
    try {
      keepUidNext();
      for (int k = gone.size() - 1; k >= 0; k--) { // from the end, so each MSN holds when reported
        int i = gone.get(k);
        Files.deleteIfExists(file(i));
        forget(i);
      }
      Durably.force(dir.resolve(MaildirLayout.MESSAGES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot expunge messages in " + dir, e);
    }
  }

  private void keepUidNext() throws IOException {
    MaildirLayout.keepUidNext(dir, index.uidNext());
  }

  @Override
  public synchronized void deleteAllMessages() {
    if (index().count() == 0) {
      return;
    }
    try {
      keepUidNext();
      for (int i = index.count() - 1; i >= 0; i--) {
        Files.deleteIfExists(file(i));
      }
      Durably.force(dir.resolve(MaildirLayout.MESSAGES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the messages in " + dir, e);
    }
    index.clear();
    recentlyRead.clear();
  }

  @Override
  public long copyMessage(long uid, MailFolder toFolder) throws FolderException {
    MaildirFolder to = (MaildirFolder) toFolder;
    for (int attempt = 0; attempt < 8; attempt++) {
      Path source;
      byte b;
      synchronized (this) {
        int i = indexOfHeld(uid);
        source = file(i);
        b = (byte) (index.flags(i) & KEPT);
      }
      try {
        return to.adopt(source, b, false);
      } catch (NoSuchFileException renamed) {
        // its flags changed meanwhile: look again
      } catch (IOException e) {
        throw new FolderException("cannot copy message " + uid, e);
      }
    }
    throw new FolderException("message " + uid + " keeps changing; try again");
  }

  @Override
  public long moveMessage(long uid, MailFolder toFolder) throws FolderException {
    MaildirFolder to = (MaildirFolder) toFolder;
    if (to == this) {
      throw new FolderException("cannot move a message to the folder it is in");
    }
    synchronized (store.moves()) { // one move at a time holds two folders: no two wait on each other
      synchronized (this) {
        int i = indexOfHeld(uid);
        try {
          keepUidNext();
          long moved = to.adopt(file(i), (byte) (index.flags(i) & KEPT), true);
          Durably.force(dir.resolve(MaildirLayout.MESSAGES));
          forget(i);
          return moved;
        } catch (IOException e) {
          throw new FolderException("cannot move message " + uid, e);
        }
      }
    }
  }

  /**
   * Takes the message file {@code source} in as a new message, hard-linked (a copy: same bytes and
   * INTERNALDATE, no bytes written) or renamed (a move, or an append staged in {@code tmp/}), its
   * directory forced before anyone hears of it.
   */
  private synchronized long adopt(Path source, byte b, boolean move) throws IOException {
    requireSelectable();
    long uid = index().uidNext();
    byte kept = (byte) (b & KEPT);
    Path messages = dir.resolve(MaildirLayout.MESSAGES);
    Path target = messages.resolve(MaildirNames.fileName(uid, kept));
    if (move) {
      Durably.rename(source, target);
    } else {
      Files.createLink(target, source);
    }
    index.add((byte) (kept | RECENT));
    Durably.force(messages);
    int msn = index.count();
    for (FolderListener l : listeners) {
      l.added(msn);
    }
    return uid;
  }

  // ---- listeners

  @Override
  public void addListener(FolderListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(FolderListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void signalDeletion() {
    for (FolderListener l : listeners) {
      l.mailboxDeleted();
    }
  }

  @Override
  public String toString() {
    return "MaildirFolder{" + getFullName() + " at " + dir + "}";
  }
}
