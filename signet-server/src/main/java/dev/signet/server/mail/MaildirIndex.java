package dev.signet.server.mail;

import com.icegreen.greenmail.imap.commands.IdRange;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A folder's index, read from the file names in {@code cur/}: its messages' UIDs ascending, each
 * message's flags as one byte ({@link MaildirNames}), 9 bytes a message, and the next UID to give.
 * A message's index is its MSN less one. Not thread-safe: its folder's lock guards it.
 */
final class MaildirIndex {
  private long[] uids;
  private byte[] flags;
  private int count;
  private long uidNext;

  private MaildirIndex(long[] uids, byte[] flags, int count, long uidNext) {
    this.uids = uids;
    this.flags = flags;
    this.count = count;
    this.uidNext = uidNext;
  }

  /** The index of a folder that holds no messages (the namespace root). */
  static MaildirIndex empty() {
    return new MaildirIndex(new long[0], new byte[0], 0, 1);
  }

  /** Reads the index of the folder at {@code dir}, clearing what a crash left in {@code tmp/}. */
  static MaildirIndex read(Path dir) throws IOException {
    MaildirLayout.clearStaging(dir);
    long[] packed = new long[64];
    int n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(MaildirLayout.MESSAGES))) {
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
    return unpacked(packed, n, MaildirLayout.keptUidNext(dir));
  }

  /** The index of the {@code n} entries {@link MaildirNames#parse} gave, in any order. */
  private static MaildirIndex unpacked(long[] packed, int n, long keptUidNext) {
    Arrays.sort(packed, 0, n);
    long[] uids = new long[Math.max(16, n + n / 4)];
    byte[] flags = new byte[uids.length];
    for (int i = 0; i < n; i++) {
      uids[i] = packed[i] >>> 8;
      flags[i] = (byte) (packed[i] & 0xff);
    }
    return new MaildirIndex(uids, flags, n, Math.max(keptUidNext, n == 0 ? 1 : uids[n - 1] + 1));
  }

  int count() {
    return count;
  }

  long uidNext() {
    return uidNext;
  }

  long uid(int index) {
    return uids[index];
  }

  byte flags(int index) {
    return flags[index];
  }

  void setFlags(int index, byte b) {
    flags[index] = b;
  }

  /** The name of the file of the message at {@code index}, in {@code cur/}. */
  String fileName(int index) {
    return MaildirNames.fileName(uids[index], (byte) (flags[index] & MaildirNames.KEPT));
  }

  /** Where message {@code uid} stands, -1 if not here. */
  int indexOf(long uid) {
    int i = Arrays.binarySearch(uids, 0, count, uid);
    return i >= 0 ? i : -1;
  }

  long[] uids() {
    return Arrays.copyOf(uids, count);
  }

  /** Takes in message {@code uidNext()}, its file now in {@code cur/}, with the flags {@code b}. */
  void add(byte b) {
    if (count == uids.length) {
      uids = Arrays.copyOf(uids, count * 2);
      flags = Arrays.copyOf(flags, count * 2);
    }
    uids[count] = uidNext++;
    flags[count] = b;
    count++;
  }

  /** Drops the message at {@code index}, whose file is gone. */
  void remove(int index) {
    System.arraycopy(uids, index + 1, uids, index, count - index - 1);
    System.arraycopy(flags, index + 1, flags, index, count - index - 1);
    count--;
  }

  void clear() {
    count = 0;
  }

  /** How many messages are RECENT; with {@code reset}, none is any longer. */
  int recent(boolean reset) {
    int recent = 0;
    for (int i = 0; i < count; i++) {
      if ((flags[i] & MaildirNames.RECENT) != 0) {
        recent++;
        if (reset) {
          flags[i] &= ~MaildirNames.RECENT;
        }
      }
    }
    return recent;
  }

  /** The MSN of the first message not seen, -1 if all were. */
  int firstUnseen() {
    for (int i = 0; i < count; i++) {
      if ((flags[i] & MaildirNames.SEEN) == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  int unseen() {
    int unseen = 0;
    for (int i = 0; i < count; i++) {
      if ((flags[i] & MaildirNames.SEEN) == 0) {
        unseen++;
      }
    }
    return unseen;
  }

  /** The UIDs of the messages not marked deleted. */
  long[] notDeleted() {
    long[] chosen = new long[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      if ((flags[i] & MaildirNames.DELETED) == 0) {
        chosen[n++] = uids[i];
      }
    }
    return Arrays.copyOf(chosen, n);
  }

  /** Where the messages marked deleted stand, ascending; only those in {@code ranges} unless it is null. */
  List<Integer> deleted(IdRange[] ranges) {
    List<Integer> gone = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if ((flags[i] & MaildirNames.DELETED) != 0 && (ranges == null || IdRange.containsUid(ranges, uids[i]))) {
        gone.add(i);
      }
    }
    return gone;
  }
}
