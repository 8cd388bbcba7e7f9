package dev.signet.server.mail;

import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Flags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few messages of a folder read last, kept parsed: a FETCH asks for the same message more than
 * once. Only small messages are kept, so the memory held is what is open, and that little. Not
 * thread-safe: its folder's lock guards it.
 */
final class RecentlyRead {
  private static final int CACHED = 4;
  private static final int CACHED_BYTES = 256 * 1024;
  private static final Flags ALL_FLAGS = MaildirNames.kept();

  static {
    ALL_FLAGS.add(Flags.Flag.RECENT);
  }

  private final Map<Long, StoredMessage> messages = new LinkedHashMap<>(CACHED, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, StoredMessage> eldest) {
      return size() > CACHED;
    }
  };

  StoredMessage get(long uid) {
    return messages.get(uid);
  }

  /** Keeps message {@code uid}, read from {@code size} bytes, if it is small. */
  void keep(long uid, StoredMessage m, int size) {
    if (size <= CACHED_BYTES) {
      messages.put(uid, m);
    }
  }

  /** Message {@code uid}, if kept, now has the flags {@code b}. */
  void flagsChanged(long uid, byte b) {
    StoredMessage cached = messages.get(uid);
    if (cached != null) {
      cached.setFlags(ALL_FLAGS, false);
      cached.setFlags(MaildirNames.flags(b), true);
    }
  }

  void forget(long uid) {
    messages.remove(uid);
  }

  void clear() {
    messages.clear();
  }
}
