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
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One IMAP folder kept as a directory, in Maildir's way: each message one file in {@code cur/}, named
 * by its UID and its flags ({@code 42:2,FS}, Maildir's letters: D draft, F flagged, R answered, S seen,
 * T deleted), its INTERNALDATE the file's time; a new message is written to {@code tmp/}, forced to
 * disk and renamed into {@code cur/} (the directory forced too) before anyone is told it is there. A
 * flag change is a rename, an expunge a deletion; UIDVALIDITY is kept in {@code uidvalidity}, the next
 * UID in {@code uidnext} once the newest message was expunged, child folders in {@code sub/}.
 *
 * <p>The file names are the index: listed the first time the folder is used (not when the service
 * starts), kept as 9 bytes a message; a message's bytes are read only when it is asked for.
 */
final class MaildirFolder implements MailFolder, UIDFolder {
  static final String MESSAGES = "cur";
  static final String STAGING = "tmp";
  static final String CHILDREN = "sub";
  static final String UIDVALIDITY = "uidvalidity";
  static final String UIDNEXT = "uidnext";
  static final String NOSELECT = "noselect";

  private static final byte SEEN = MaildirNames.SEEN;
  private static final byte DELETED = MaildirNames.DELETED;
  private static final byte RECENT = MaildirNames.RECENT; // this run only, as IMAP has it
  private static final byte KEPT = MaildirNames.KEPT;
  private static final Flags PERMANENT = MaildirNames.kept();
  private static final Flags AVAILABLE = MaildirNames.kept();
  private static final Flags ALL_FLAGS = MaildirNames.kept();
  private static final int CACHED = 4; // a FETCH asks for the same message more than once
  private static final int CACHED_BYTES = 256 * 1024;

  static {
    ALL_FLAGS.add(Flags.Flag.RECENT);
  }

  private final MaildirStore store;
  private final List<FolderListener> listeners = new CopyOnWriteArrayList<>();
  private MaildirFolder parent; // null for the namespace root
  private String name;
  private Path dir; // null for the namespace root
  private boolean selectable;
  private long uidValidity;
  private List<MaildirFolder> children; // read when first asked for

  // The index, read when first needed: UIDs ascending, each message's flags.
  private long[] uids;
  private byte[] flags;
  private int count;
  private long uidNext;
  private final Map<Long, StoredMessage> recentlyRead = new LinkedHashMap<>(CACHED, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, StoredMessage> eldest) {
      return size() > CACHED;
    }
  };

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
    long validity = 1;
    Path v = dir.resolve(UIDVALIDITY);
    if (Files.exists(v)) {
      validity = Long.parseLong(Files.readString(v).strip());
    }
    return new MaildirFolder(store, parent, name, dir, !Files.exists(dir.resolve(NOSELECT)), validity);
  }

  /** Makes the child folder {@code childName} on disk, whole (see {@link #make}), and adopts it. */
  synchronized MaildirFolder makeChild(String childName, long childValidity, boolean childSelectable) throws IOException {
    Path subs = dir.resolve(CHILDREN);
    Files.createDirectories(subs);
    Path childDir = subs.resolve(MaildirStore.encode(childName));
    make(childDir, childValidity, childSelectable);
    MaildirFolder child = new MaildirFolder(store, this, childName, childDir, childSelectable, childValidity);
    adoptChild(child);
    return child;
  }

  /** Makes a folder's directory {@code dir} whole, aside and then renamed in, so a crash leaves all or nothing. */
  private static void make(Path dir, long uidValidity, boolean selectable) throws IOException {
    Path staged = Durably.aside(dir, "new");
    Files.createDirectories(staged.resolve(MESSAGES));
    Files.createDirectories(staged.resolve(STAGING));
    Files.createDirectories(staged.resolve(CHILDREN));
    Durably.replace(staged.resolve(UIDVALIDITY), Long.toString(uidValidity));
    if (!selectable) {
      Durably.replace(staged.resolve(NOSELECT), "");
    }
    Durably.force(staged.resolve(MESSAGES));
    Durably.force(staged);
    Durably.rename(staged, dir);
    Durably.force(dir.getParent());
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
        try (DirectoryStream<Path> subs = Files.newDirectoryStream(dir.resolve(CHILDREN))) {
          for (Path sub : subs) {
            String file = sub.getFileName().toString();
            if (file.startsWith(".")) {
              Durably.deleteTree(sub); // a folder a crash left half made or half deleted
            } else if (Files.isDirectory(sub)) {
              children.add(read(store, this, MaildirStore.decode(file), sub));
            }
          }
        } catch (NoSuchFileException none) {
          // no children yet
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list the folders in " + dir, e);
        }
      }
    }
    return children;
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
        c.relocate(newDir.resolve(CHILDREN).resolve(MaildirStore.encode(c.getName())));
      }
    }
  }

  synchronized void setSelectable(boolean value) throws IOException {
    if (value == selectable) {
      return;
    }
    if (value) {
      Files.deleteIfExists(dir.resolve(NOSELECT));
      Durably.force(dir);
    } else {
      Durably.replace(dir.resolve(NOSELECT), "");
    }
    selectable = value;
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

  /** Reads the index from the file names, once; clears what a crash left in {@code tmp/}. */
  private void load() {
    if (uids != null) {
      return;
    }
    if (dir == null) {
      uids = new long[0];
      flags = new byte[0];
      uidNext = 1;
      return;
    }
    try {
      try (DirectoryStream<Path> staged = Files.newDirectoryStream(dir.resolve(STAGING))) {
        for (Path torn : staged) {
          Files.deleteIfExists(torn); // never renamed in, so never acknowledged
        }
      } catch (NoSuchFileException none) {
        // a folder without messages
      }
      long[] packed = new long[64];
      int n = 0;
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(MESSAGES))) {
        for (Path file : files) {
          long entry = MaildirNames.parse(String.valueOf(file.getFileName()));
          if (entry >= 0) {
            if (n == packed.length) {
              packed = Arrays.copyOf(packed, n * 2);
            }
            packed[n++] = entry;
          }
        }
      } catch (NoSuchFileException none) {
        // no messages yet
      }
      Arrays.sort(packed, 0, n);
      uids = new long[Math.max(16, n + n / 4)];
      flags = new byte[uids.length];
      for (int i = 0; i < n; i++) {
        uids[i] = packed[i] >>> 8;
        flags[i] = (byte) (packed[i] & 0xff);
      }
      count = n;
      long kept = 1;
      Path next = dir.resolve(UIDNEXT);
      if (Files.exists(next)) {
        kept = Long.parseLong(Files.readString(next).strip());
      }
      uidNext = Math.max(kept, n == 0 ? 1 : uids[n - 1] + 1);
    } catch (IOException e) {
      uids = null;
      throw new UncheckedIOException("cannot read the folder " + dir, e);
    }
  }

  private Path file(int index) {
    return dir.resolve(MESSAGES).resolve(MaildirNames.fileName(uids[index], (byte) (flags[index] & KEPT)));
  }

  private int indexOf(long uid) {
    int i = Arrays.binarySearch(uids, 0, count, uid);
    return i >= 0 ? i : -1;
  }

  /** Where message {@code uid} stands in the index (read first if need be); refused if the folder does not hold it. */
  private int indexOfHeld(long uid) throws FolderException {
    load();
    int i = indexOf(uid);
    if (i < 0) {
      throw new FolderException("No such message with uid " + uid + " in folder " + name);
    }
    return i;
  }

  private void add(long uid, byte b) {
    if (count == uids.length) {
      uids = Arrays.copyOf(uids, count * 2);
      flags = Arrays.copyOf(flags, count * 2);
    }
    uids[count] = uid;
    flags[count] = b;
    count++;
  }

  /** Drops the message at {@code index}, whose file is gone, from the index and tells the listeners. */
  private void forget(int index) {
    recentlyRead.remove(uids[index]);
    System.arraycopy(uids, index + 1, uids, index, count - index - 1);
    System.arraycopy(flags, index + 1, flags, index, count - index - 1);
    count--;
    for (FolderListener l : listeners) {
      l.expunged(index + 1);
    }
  }

  @Override
  public synchronized int getMsn(long uid) throws FolderException {
    return indexOfHeld(uid) + 1;
  }

  @Override
  public synchronized int getMessageCount() {
    load();
    return count;
  }

  @Override
  public synchronized long getUIDNext() {
    load();
    return uidNext;
  }

  @Override
  public synchronized long[] getMessageUids() {
    load();
    return Arrays.copyOf(uids, count);
  }

  @Override
  public synchronized int getRecentCount(boolean reset) {
    load();
    int recent = 0;
    for (int i = 0; i < count; i++) {
      if ((flags[i] & RECENT) != 0) {
        recent++;
        if (reset) {
          flags[i] &= ~RECENT;
        }
      }
    }
    if (reset) {
      recentlyRead.clear();
    }
    return recent;
  }

  @Override
  public synchronized int getFirstUnseen() {
    load();
    for (int i = 0; i < count; i++) {
      if ((flags[i] & SEEN) == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  @Override
  public synchronized int getUnseenCount() {
    load();
    int unseen = 0;
    for (int i = 0; i < count; i++) {
      if ((flags[i] & SEEN) == 0) {
        unseen++;
      }
    }
    return unseen;
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
      load(); // before writing to tmp/, which the first load clears
      staging = dir.resolve(STAGING);
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
    load();
    int i = indexOf(uid);
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
    long[] all = getMessageUids();
    List<Raw> page = new ArrayList<>();
    for (int i = all.length - 1 - skip; i >= 0 && page.size() < limit; i--) {
      raw(all[i]).ifPresent(page::add);
    }
    return page;
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
      int i = indexOf(uid);
      if (i < 0) {
        return null;
      }
      StoredMessage m = StoredMessages.of(raw.get().bytes(), MaildirNames.flags(flags[i]), Date.from(raw.get().received()), uid);
      if (raw.get().bytes().length <= CACHED_BYTES) { // memory held by what is open, and that little
        recentlyRead.put(uid, m);
      }
      return m;
    }
  }

  /** A stand-in with only message {@code uid}'s flags and UID, for commands that look at nothing else. */
  synchronized StoredMessage stub(long uid) {
    int i = indexOf(uid);
    return i < 0 ? null : StoredMessages.stub(MaildirNames.flags(flags[i]), new Date(0), uid);
  }

  @Override
  public List<StoredMessage> getMessages() {
    long[] all = getMessageUids();
    return lazily(all);
  }

  @Override
  public List<StoredMessage> getMessages(MsgRangeFilter range) {
    long[] all = getMessageUids();
    long[] chosen = new long[all.length];
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (range.includes(i + 1)) {
        chosen[n++] = all[i];
      }
    }
    return lazily(Arrays.copyOf(chosen, n));
  }

  @Override
  public List<StoredMessage> getNonDeletedMessages() {
    long[] chosen;
    synchronized (this) {
      load();
      chosen = new long[count];
      int n = 0;
      for (int i = 0; i < count; i++) {
        if ((flags[i] & DELETED) == 0) {
          chosen[n++] = uids[i];
        }
      }
      chosen = Arrays.copyOf(chosen, n);
    }
    return lazily(chosen);
  }

  /** The messages with these UIDs, each read when the list is asked for it (those expunged meanwhile left out). */
  private List<StoredMessage> lazily(long[] chosen) {
    List<StoredMessage> read = new AbstractList<>() {
      @Override
      public StoredMessage get(int index) {
        return getMessage(chosen[index]);
      }

      @Override
      public int size() {
        return chosen.length;
      }
    };
    return Collections.unmodifiableList(read);
  }

  @Override
  public long[] search(SearchTerm term) {
    boolean flagsOnly = onlyFlags(term);
    long[] all = getMessageUids();
    long[] matched = new long[all.length];
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      StoredMessage m = flagsOnly ? stub(all[i]) : getMessage(all[i]);
      if (m == null) {
        continue; // expunged meanwhile
      }
      m.updateMessageNumber(i + 1);
      if (term.match(m.getMimeMessage())) {
        matched[n++] = all[i];
      }
    }
    return Arrays.copyOf(matched, n);
  }

  /** Whether {@code term} looks at nothing but flags, UIDs and sequence numbers, so needs no message read. */
  private static boolean onlyFlags(SearchTerm term) {
    if (term instanceof AndTerm and) {
      return Arrays.stream(and.getTerms()).allMatch(MaildirFolder::onlyFlags);
    }
    if (term instanceof OrTerm or) {
      return Arrays.stream(or.getTerms()).allMatch(MaildirFolder::onlyFlags);
    }
    if (term instanceof NotTerm not) {
      return onlyFlags(not.getTerm());
    }
    if (term instanceof FlagTerm) {
      return true;
    }
    String type = term.getClass().getName(); // GreenMail's own terms, private to its search command
    return type.endsWith("SearchTermBuilder$UidSearchTerm") || type.endsWith("SearchTermBuilder$MessageNumberSearchTerm")
        || type.endsWith("SearchTermBuilder$AllSearchTerm");
  }

  @Override
  public Message getMessageByUID(long uid) {
    StoredMessage m = getMessage(uid);
    return m == null ? null : m.getMimeMessage();
  }

  @Override
  public Message[] getMessagesByUID(long start, long end) {
    return getMessagesByUID(Arrays.stream(getMessageUids()).filter(uid -> uid >= start && uid <= end).toArray());
  }

  @Override
  public Message[] getMessagesByUID(long[] wanted) {
    List<Message> found = new ArrayList<>();
    for (long uid : wanted) {
      Optional.ofNullable(getMessageByUID(uid)).ifPresent(found::add);
    }
    return found.toArray(new Message[0]);
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
    byte before = flags[i];
    byte after = how.apply(before);
    if ((before & KEPT) != (after & KEPT)) {
      Path from = file(i);
      try {
        Durably.rename(from, from.resolveSibling(MaildirNames.fileName(uid, (byte) (after & KEPT))));
        Durably.force(dir.resolve(MESSAGES));
      } catch (IOException e) {
        throw new FolderException("cannot keep the flags of message " + uid, e);
      }
    }
    flags[i] = after;
    StoredMessage cached = recentlyRead.get(uid);
    if (cached != null) {
      cached.setFlags(ALL_FLAGS, false);
      cached.setFlags(MaildirNames.flags(after), true);
    }
    Flags now = MaildirNames.flags(after);
    for (FolderListener l : listeners) {
      if (l != silentListener) {
        l.flagsUpdated(i + 1, now, addUid ? uid : null);
      }
    }
  }

  // ---- removing, copying and moving messages

  @Override
  public void expunge() throws FolderException {
    expunge((IdRange[]) null);
  }

  @Override
  public synchronized void expunge(IdRange[] ranges) {
    load();
    List<Integer> gone = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if ((flags[i] & DELETED) != 0 && (ranges == null || IdRange.containsUid(ranges, uids[i]))) {
        gone.add(i);
      }
    }
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
      Durably.force(dir.resolve(MESSAGES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot expunge messages in " + dir, e);
    }
  }

  /** Writes down the next UID, so that no UID comes back once its message is gone. */
  private void keepUidNext() throws IOException {
    Durably.replace(dir.resolve(UIDNEXT), Long.toString(uidNext));
  }

  @Override
  public synchronized void deleteAllMessages() {
    load();
    if (count == 0) {
      return;
    }
    try {
      keepUidNext();
      for (int i = count - 1; i >= 0; i--) {
        Files.deleteIfExists(file(i));
      }
      Durably.force(dir.resolve(MESSAGES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the messages in " + dir, e);
    }
    count = 0;
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
        b = (byte) (flags[i] & KEPT);
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
          long moved = to.adopt(file(i), (byte) (flags[i] & KEPT), true);
          Durably.force(dir.resolve(MESSAGES));
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
    load();
    long uid = uidNext;
    byte kept = (byte) (b & KEPT);
    Path messages = dir.resolve(MESSAGES);
    Path target = messages.resolve(MaildirNames.fileName(uid, kept));
    if (move) {
      Durably.rename(source, target);
    } else {
      Files.createLink(target, source);
    }
    uidNext++;
    add(uid, (byte) (kept | RECENT));
    Durably.force(messages);
    int msn = count;
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
