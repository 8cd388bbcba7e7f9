package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes MIME base64 (RFC 2045: line breaks and other characters outside the alphabet are
 * skipped) in whole blocks. The JDK's MIME decoder stream reads its source one byte at a time.
 */
final class Base64Decoding extends BlockInputStream {
  private static final byte[] VALUES = new byte[256];
  private static final int SKIP = -1;
  private static final int PAD = -2;
  /** Each character's six bits already shifted to their place in a quantum; invalid ones negative. */
  private static final int[] AT_18 = new int[256];
  private static final int[] AT_12 = new int[256];
  private static final int[] AT_6 = new int[256];
  private static final int[] AT_0 = new int[256];

  static {
    Arrays.fill(VALUES, (byte) SKIP);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
    VALUES['='] = (byte) PAD;
    for (int c = 0; c < 256; c++) {
      int v = VALUES[c];
      AT_18[c] = v < 0 ? Integer.MIN_VALUE : v << 18;
      AT_12[c] = v < 0 ? Integer.MIN_VALUE : v << 12;
      AT_6[c] = v < 0 ? Integer.MIN_VALUE : v << 6;
      AT_0[c] = v < 0 ? Integer.MIN_VALUE : v;
    }
  }

  private final InputStream in;
  private final byte[] text = new byte[16 * 1024];
  private final byte[] data = new byte[12 * 1024 + 3];
  private int dataPos;
  private int dataLen;
  private int quantum;
  private int bits;
  private boolean padded;
  private boolean ended;

  Base64Decoding(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (dataPos == dataLen) {
      if (ended) {
        return -1;
      }
      decodeMore();
    }
    int n = Math.min(len, dataLen - dataPos);
    System.arraycopy(data, dataPos, b, off, n);
    dataPos += n;
    return n;
  }

  private void decodeMore() throws IOException {
    int r = in.read(text, 0, text.length);
    dataPos = 0;
    dataLen = 0;
    if (r < 0) {
      finish();
      return;
    }
    if (padded) {
      return;
    }
    int i = 0;
    while (i < r && !padded) {
      int nl = ByteScan.lineFeed(text, i, r);
      int next = nl < 0 ? r : nl + 1;
      if (nl < 0 || quantum != 0 || !decodeWholeLine(i, nl)) {
        decodeSlowly(i, next);
      }
      i = next;
    }
  }

  /**
   * The common case: a line of whole quanta, all in the alphabet, decoded without a branch per
   * character. Returns false, having written nothing, if the line is anything else.
   */
  private boolean decodeWholeLine(int from, int lineFeed) {
    int end = lineFeed > from && text[lineFeed - 1] == '\r' ? lineFeed - 1 : lineFeed;
    if (((end - from) & 3) != 0) {
      return false;
    }
    int invalid = 0;
    int d = dataLen;
    for (int k = from; k < end; k += 4) {
      int v = AT_18[text[k] & 0xff] | AT_12[text[k + 1] & 0xff] | AT_6[text[k + 2] & 0xff] | AT_0[text[k + 3] & 0xff];
      invalid |= v;
      data[d] = (byte) (v >> 16);
      data[d + 1] = (byte) (v >> 8);
      data[d + 2] = (byte) v;
      d += 3;
    }
    if (invalid < 0) {
      return false;
    }
    dataLen = d;
    return true;
  }

  private void decodeSlowly(int from, int to) {
    for (int i = from; i < to; i++) {
      int v = VALUES[text[i] & 0xff];
      if (v == SKIP) {
        continue;
      }
      if (v == PAD) {
        endAtPadding();
        return;
      }
      bits = (bits << 6) | v;
      if (++quantum == 4) {
        data[dataLen++] = (byte) (bits >> 16);
        data[dataLen++] = (byte) (bits >> 8);
        data[dataLen++] = (byte) bits;
        quantum = 0;
        bits = 0;
      }
    }
  }

  /** Padding ends the data: what the last quantum holds is emitted, the rest of the text ignored. */
  private void endAtPadding() {
    padded = true;
    emitPartial();
  }

  private void finish() {
    ended = true;
    if (!padded) {
      emitPartial();
    }
  }

  private void emitPartial() {
    switch (quantum) {
      case 0 -> { }
      case 2 -> data[dataLen++] = (byte) (bits >> 4);
      case 3 -> {
        data[dataLen++] = (byte) (bits >> 10);
        data[dataLen++] = (byte) (bits >> 2);
      }
      default -> throw new MalformedInputException("base64 content ends in the middle of a character");
    }
    quantum = 0;
  }
}
