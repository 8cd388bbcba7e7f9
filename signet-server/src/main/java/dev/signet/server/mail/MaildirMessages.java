package dev.signet.server.mail;

import com.icegreen.greenmail.imap.commands.IdRange;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Flags;
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
import java.util.function.Function;

/**
 * The messages of one folder, each a file in its {@code cur/}: appending, reading, changing flags,
 * expunging, copying and moving them, with the index ({@link MaildirIndex}) and the parsed messages
 * ({@link RecentlyRead}) kept in step and the folder's listeners told.
 *
 * <p>Its lock is its folder's own, taken here as {@code synchronized (folder)}: the same lock guards
 * the folder's directory and name, so what is done under it sees them as they are. The index and
 * the parsed messages are touched only under it; a message's bytes are written and read outside it,
 * the file found or renamed in under it. Listeners hear of an addition, a flag change or an expunge
 * while it is held.
 */
final class MaildirMessages {
  private static final byte RECENT = MaildirNames.RECENT; // this run only, as IMAP has it
  private static final byte KEPT = MaildirNames.KEPT;

  private final MaildirFolder folder; // its lock, its directory
  private final MaildirStore store;
  private final List<FolderListener> listeners = new CopyOnWriteArrayList<>();
  private final RecentlyRead recentlyRead = new RecentlyRead();
  private MaildirIndex index; // read when first needed

  MaildirMessages(MaildirFolder folder, MaildirStore store) {
    this.folder = folder;
    this.store = store;
  }

  // ---- the index; every method here is called with the folder's lock held

  /** The index, read from the file names the first time. */
  private MaildirIndex index() {
    if (index == null) {
      Path dir = folder.dir();
      try {
        index = dir == null ? MaildirIndex.empty() : MaildirIndex.read(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the folder " + dir, e);
      }
    }
    return index;
  }

  private Path messages() {
    return folder.dir().resolve(MaildirLayout.MESSAGES);
  }

  private Path file(int i) {
    return messages().resolve(index.fileName(i));
  }

  /** Where message {@code uid} stands in the index (read first if need be); refused if the folder does not hold it. */
  private int indexOfHeld(long uid) throws FolderException {
    int i = index().indexOf(uid);
    if (i < 0) {
      throw new FolderException("No such message with uid " + uid + " in folder " + folder.getName());
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

  private void requireSelectable() {
    if (folder.dir() == null || !folder.isSelectable()) {
      throw new IllegalStateException("the folder " + folder.getName() + " holds no messages");
    }
  }

  private void keepUidNext() throws IOException {
    MaildirLayout.keepUidNext(folder.dir(), index.uidNext());
  }

  // ---- counting

  int msn(long uid) throws FolderException {
    synchronized (folder) {
      return indexOfHeld(uid) + 1;
    }
  }

  /** What {@code question} finds in the index (a count, the UIDs), asked under the folder's lock. */
  <T> T ask(Function<MaildirIndex, T> question) {
    synchronized (folder) {
      return question.apply(index());
    }
  }

  int recent(boolean reset) {
    synchronized (folder) {
      int recent = index().recent(reset);
      if (reset) {
        recentlyRead.clear();
      }
      return recent;
    }
  }

  // ---- adding messages

  /** See {@link MaildirFolder#append}. */
  long append(byte[] raw, Flags messageFlags, Date received) {
    Path staging;
    synchronized (folder) {
      requireSelectable();
      index(); // before writing to tmp/, which the first reading of the index clears
      staging = folder.dir().resolve(MaildirLayout.STAGING);
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

  /**
   * Takes the message file {@code source} in as a new message, hard-linked (a copy: same bytes and
   * INTERNALDATE, no bytes written) or renamed (a move, or an append staged in {@code tmp/}), its
   * directory forced before anyone hears of it.
   */
  private long adopt(Path source, byte b, boolean move) throws IOException {
    synchronized (folder) {
      requireSelectable();
      long uid = index().uidNext();
      byte kept = (byte) (b & KEPT);
      Path messages = messages();
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
  }

  // ---- reading messages

  /** One message's file as it is now, or empty if the folder does not hold {@code uid}. */
  private Optional<Path> fileOf(long uid) {
    synchronized (folder) {
      int i = index().indexOf(uid);
      return i < 0 ? Optional.empty() : Optional.of(file(i));
    }
  }

  /** See {@link MaildirFolder#raw}. */
  Optional<MaildirFolder.Raw> raw(long uid) {
    for (int attempt = 0; ; attempt++) {
      Optional<Path> file = fileOf(uid);
      if (file.isEmpty()) {
        return Optional.empty();
      }
      try {
        Instant received = Files.getLastModifiedTime(file.get()).toInstant();
        byte kept = (byte) (MaildirNames.parse(file.get().getFileName().toString()) & 0xff);
        return Optional.of(new MaildirFolder.Raw(uid, received, Files.readAllBytes(file.get()), MaildirNames.flags(kept)));
      } catch (NoSuchFileException renamed) {
        if (attempt > 8) {
          throw new UncheckedIOException("message " + uid + " keeps moving: " + file.get(), renamed);
        } // its flags changed, or it was expunged, meanwhile: look again
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read message " + uid + ": " + file.get(), e);
      }
    }
  }

  /** Message {@code uid} parsed, kept a while if small; null if the folder does not hold it. */
  StoredMessage read(long uid) {
    synchronized (folder) {
      StoredMessage cached = recentlyRead.get(uid);
      if (cached != null) {
        return cached;
      }
    }
    Optional<MaildirFolder.Raw> raw = raw(uid);
    if (raw.isEmpty()) {
      return null;
    }
    synchronized (folder) {
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

  /** See {@link MaildirFolder#stub}. */
  StoredMessage stub(long uid) {
    synchronized (folder) {
      int i = index().indexOf(uid);
      return i < 0 ? null : StoredMessages.stub(MaildirNames.flags(index.flags(i)), new Date(0), uid);
    }
  }

  // ---- flags

  void setFlags(Flags changed, boolean value, long uid, FolderListener silentListener, boolean addUid)
      throws FolderException {
    byte b = MaildirNames.bits(changed);
    change(uid, old -> value ? (byte) (old | b) : (byte) (old & ~b), silentListener, addUid);
  }

  void replaceFlags(Flags replacement, long uid, FolderListener silentListener, boolean addUid)
      throws FolderException {
    byte b = MaildirNames.bits(replacement);
    change(uid, old -> (byte) (b | (old & RECENT)), silentListener, addUid);
  }

  private interface FlagChange {
    byte apply(byte old);
  }

  private void change(long uid, FlagChange how, FolderListener silentListener, boolean addUid)
      throws FolderException {
    synchronized (folder) {
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
  }

  /** Renames the file of message {@code uid}, at {@code i}, for the flags {@code after}. */
  private void rename(int i, long uid, byte after) throws FolderException {
    Path from = file(i);
    try {
      Durably.rename(from, from.resolveSibling(MaildirNames.fileName(uid, (byte) (after & KEPT))));
      Durably.force(messages());
    } catch (IOException e) {
      throw new FolderException("cannot keep the flags of message " + uid, e);
    }
  }

  // ---- removing, copying and moving messages

  void expunge(IdRange[] ranges) {
    synchronized (folder) {
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
        Durably.force(messages());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot expunge messages in " + folder.dir(), e);
      }
    }
  }

  void deleteAll() {
    synchronized (folder) {
      if (index().count() == 0) {
        return;
      }
      try {
        keepUidNext();
        for (int i = index.count() - 1; i >= 0; i--) {
          Files.deleteIfExists(file(i));
        }
        Durably.force(messages());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the messages in " + folder.dir(), e);
      }
      index.clear();
      recentlyRead.clear();
    }
  }

  /** Copies message {@code uid} to {@code to}: this folder's lock is let go before {@code to}'s is taken. */
  long copy(long uid, MaildirMessages to) throws FolderException {
    for (int attempt = 0; attempt < 8; attempt++) {
      Path source;
      byte b;
      synchronized (folder) {
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

  /** Moves message {@code uid} to {@code to}, holding both folders' locks, this one's first. */
  long move(long uid, MaildirMessages to) throws FolderException {
    if (to == this) {
      throw new FolderException("cannot move a message to the folder it is in");
    }
    synchronized (store.moves()) { // one move at a time holds two folders: no two wait on each other
      synchronized (folder) {
        int i = indexOfHeld(uid);
        try {
          keepUidNext();
          long moved = to.adopt(file(i), (byte) (index.flags(i) & KEPT), true);
          Durably.force(messages());
          forget(i);
          return moved;
        } catch (IOException e) {
          throw new FolderException("cannot move message " + uid, e);
        }
      }
    }
  }

  // ---- listeners

  void addListener(FolderListener listener) {
    listeners.add(listener);
  }

  void removeListener(FolderListener listener) {
    listeners.remove(listener);
  }

  void signalDeletion() {
    for (FolderListener l : listeners) {
      l.mailboxDeleted();
    }
  }
}
