package dev.signet.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds line-break bytes eight at a time (SWAR: a zero byte in {@code x ^ pattern} marks a match),
 * which is what lets the MIME scanning keep up with the intrinsic digests and ciphers.
 */
final class ByteScan {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LF = ONES * '\n';
  private static final long CR = ONES * '\r';

  private ByteScan() {}

  /** The index of the first LF in {@code [from, to)}, or -1. */
  static int lineFeed(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long t = zeroBytes((long) LONGS.get(b, i) ^ LF);
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first CR or LF in {@code [from, to)}, or -1. */
  static int lineBreak(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i);
      long t = zeroBytes(x ^ LF) | zeroBytes(x ^ CR);
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** The high bit set in each byte of {@code x} that is zero; exact for the lowest such byte. */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGHS;
  }
}
