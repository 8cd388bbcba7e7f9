package dev.signet.server.mail;

import jakarta.mail.Flags;

/**
 * How a message file's name in {@code cur/} carries its UID and flags, in Maildir's way: {@code 42:2,FS}
 * is UID 42, flagged and seen (Maildir's letters, in its order: D draft, F flagged, R answered, S seen,
 * T deleted). A message's flags are held as the bits of one byte, one bit a letter, and {@link #RECENT},
 * which IMAP keeps for the run only and no name carries.
 */
final class MaildirNames {
  static final byte DRAFT = 1;
  static final byte FLAGGED = 2;
  static final byte ANSWERED = 4;
  static final byte SEEN = 8;
  static final byte DELETED = 16;
  static final byte RECENT = 32;
  /** The flags a file name keeps. */
  static final byte KEPT = DRAFT | FLAGGED | ANSWERED | SEEN | DELETED;
  private static final char[] LETTERS = {'D', 'F', 'R', 'S', 'T'}; // in bit order, which is Maildir's order
  private static final Flags.Flag[] FLAGS = {Flags.Flag.DRAFT, Flags.Flag.FLAGGED, Flags.Flag.ANSWERED,
      Flags.Flag.SEEN, Flags.Flag.DELETED};

  private MaildirNames() {}

  /** The flags a file name keeps, as IMAP names them. */
  static Flags kept() {
    Flags f = new Flags();
    for (Flags.Flag flag : FLAGS) {
      f.add(flag);
    }
    return f;
  }

  /** What a message file's name says, its UID shifted left by 8 and its flags ("42:2,FS", "42"); -1 if not a message's. */
  static long parse(String file) {
    int colon = file.indexOf(':');
    String number = colon < 0 ? file : file.substring(0, colon);
    if (number.isEmpty() || number.length() > 18 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    byte b = 0;
    if (colon >= 0) {
      if (!file.startsWith(":2,", colon)) {
        return -1;
      }
      for (char c : file.substring(colon + 3).toCharArray()) {
        for (int i = 0; i < LETTERS.length; i++) {
          if (c == LETTERS[i]) {
            b |= (byte) (1 << i);
          }
        }
      }
    }
    return Long.parseLong(number) << 8 | (b & 0xff);
  }

  /** The name of message {@code uid}'s file with the flags {@code b} (RECENT left out). */
  static String fileName(long uid, byte b) {
    StringBuilder s = new StringBuilder().append(uid).append(":2,");
    for (int i = 0; i < LETTERS.length; i++) {
      if ((b & (1 << i)) != 0) {
        s.append(LETTERS[i]);
      }
    }
    return s.toString();
  }

  static byte bits(Flags f) {
    byte b = 0;
    for (int i = 0; i < FLAGS.length; i++) {
      if (f.contains(FLAGS[i])) {
        b |= (byte) (1 << i);
      }
    }
    if (f.contains(Flags.Flag.RECENT)) {
      b |= RECENT;
    }
    return b;
  }

  static Flags flags(byte b) {
    Flags f = new Flags();
    for (int i = 0; i < FLAGS.length; i++) {
      if ((b & (1 << i)) != 0) {
        f.add(FLAGS[i]);
      }
    }
    if ((b & RECENT) != 0) {
      f.add(Flags.Flag.RECENT);
    }
    return f;
  }
}
