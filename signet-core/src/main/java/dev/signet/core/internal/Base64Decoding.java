package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes MIME base64 (RFC 2045: line breaks and other characters outside the alphabet are
 * skipped). The line breaks are dropped as the text is read, and each 16 KiB of what is left goes
 * whole to the JDK's decoder, which the JIT compiles to vector instructions; text it refuses (other
 * characters, padding before the end) is decoded here, a character at a time. The JDK's MIME
 * decoder stream reads its source one byte at a time.
 */
final class Base64Decoding extends BlockInputStream {
  private static final Base64.Decoder DECODER = Base64.getDecoder();
  private static final byte[] VALUES = new byte[256];
  private static final int SKIP = -1;
  private static final int PAD = -2;

  static {
    Arrays.fill(VALUES, (byte) SKIP);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
    VALUES['='] = (byte) PAD;
  }

  private final InputStream in;
  private final byte[] text = new byte[16 * 1024];
  private int textPos;
  private int textLen;
  /** The text without its line breaks, decoded when full: a whole number of quanta. */
  private final byte[] gathered = new byte[16 * 1024];
  private int gatheredLen;
  /** The length of the last line gathered, its line feed included. */
  private int lineLength;
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

  /** Gathers text until 16 KiB are gathered or the source ends, and decodes them. */
  private void decodeMore() throws IOException {
    dataPos = 0;
    dataLen = 0;
    while (gatheredLen < gathered.length) {
      if (textPos == textLen && !refill()) {
        decodeGathered(Arrays.copyOf(gathered, gatheredLen));
        finish();
        return;
      }
      gatherLine();
    }
    decodeGathered(gathered);
  }

  private boolean refill() throws IOException {
    int r = in.read(text, 0, text.length);
    textPos = 0;
    textLen = Math.max(r, 0);
    return r >= 0;
  }

  /**
   * Copies the text up to the next line feed (or as much of it as fits), without the CR LF. The lines of
   * base64 text are all as long as the first, so the line feed is looked for where the last one ended
   * before it is searched for. A line feed skipped that way is gathered with the text, which the JDK's
   * decoder then refuses, and the decoding here skips.
   */
  private void gatherLine() {
    int guess = textPos + lineLength - 1;
    int lineFeed = guess > textPos && guess < textLen && text[guess] == '\n' ? guess
        : ByteScan.lineFeed(text, textPos, textLen);
    if (lineFeed >= 0) {
      lineLength = lineFeed + 1 - textPos;
    }
    int end = lineFeed < 0 ? textLen : lineFeed;
    int stop = end > textPos && text[end - 1] == '\r' ? end - 1 : end;
    int n = Math.min(stop - textPos, gathered.length - gatheredLen);
    System.arraycopy(text, textPos, gathered, gatheredLen, n);
    gatheredLen += n;
    textPos += n;
    if (textPos == stop) {
      textPos = lineFeed < 0 ? textLen : lineFeed + 1;
    }
  }

  private void decodeGathered(byte[] chars) {
    gatheredLen = 0;
    if (padded) {
      return;
    }
    if (quantum == 0) {
      try {
        dataLen = DECODER.decode(chars, data);
        padded = chars.length > 0 && chars[chars.length - 1] == '=';
        return;
      } catch (IllegalArgumentException notPlainBase64) {
        dataLen = 0; // decoded again below, where other characters are skipped
      }
    }
    decodeSlowly(chars, 0, chars.length);
  }

  private void decodeSlowly(byte[] chars, int from, int to) {
    for (int i = from; i < to; i++) {
      int v = VALUES[chars[i] & 0xff];
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
