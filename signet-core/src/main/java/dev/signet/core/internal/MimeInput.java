package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A buffered source of raw MIME bytes: lines for headers, and part streams that end at a multipart
 * delimiter, found by scanning the bytes (the line break before a delimiter belongs to it).
 */
public final class MimeInput {
  private static final int BUFFER = 16 * 1024;
  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int lim;
  private boolean eof;

  public MimeInput(InputStream in) {
    this.in = in;
  }

  /** Makes at least {@code n} bytes available unless the input ends first; returns how many are. */
  int fill(int n) throws IOException {
    if (lim - pos >= n || eof) {
      return lim - pos;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    while (lim - pos < n && !eof) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
      } else {
        lim += r;
      }
    }
    return lim - pos;
  }

  /** The next byte without consuming it, or -1 at the end. */
  public int peek() throws IOException {
    return fill(1) > 0 ? buf[pos] & 0xff : -1;
  }

  /** Whether the next bytes are {@code prefix}. */
  public boolean startsWith(byte[] prefix) throws IOException {
    if (fill(prefix.length) < prefix.length) {
      return false;
    }
    return Arrays.equals(buf, pos, pos + prefix.length, prefix, 0, prefix.length);
  }

  /** The first line (up to the buffer size) without consuming it, terminator excluded. */
  public String peekLine() throws IOException {
    int avail = fill(BUFFER);
    int end = pos;
    while (end < pos + avail && buf[end] != '\n') {
      end++;
    }
    return new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads one line including its terminator, or null at the end of input.
   *
   * @throws MalformedInputException if the line is longer than {@code max}
   */
  public byte[] readLine(int max) throws IOException {
    int avail = fill(1);
    if (avail == 0) {
      return null;
    }
    java.io.ByteArrayOutputStream line = null;
    while (true) {
      for (int i = pos; i < lim; i++) {
        if (buf[i] == '\n') {
          return take(line, i + 1, max);
        }
      }
      if (line == null) {
        line = new java.io.ByteArrayOutputStream();
      }
      if (line.size() + (lim - pos) > max) {
        throw new MalformedInputException("header line longer than " + max + " bytes");
      }
      line.write(buf, pos, lim - pos);
      pos = lim;
      if (fill(1) == 0) {
        return line.toByteArray();
      }
    }
  }

  private byte[] take(java.io.ByteArrayOutputStream prefix, int end, int max) {
    int len = end - pos;
    if ((prefix == null ? 0 : prefix.size()) + len > max) {
      throw new MalformedInputException("header line longer than " + max + " bytes");
    }
    byte[] out;
    if (prefix == null) {
      out = Arrays.copyOfRange(buf, pos, end);
    } else {
      prefix.write(buf, pos, len);
      out = prefix.toByteArray();
    }
    pos = end;
    return out;
  }

  /** The rest of the input as a stream. */
  public InputStream rest() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return fill(1) > 0 ? buf[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        int avail = fill(1);
        if (avail == 0) {
          return -1;
        }
        int n = Math.min(avail, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  /**
   * A stream of the bytes up to the next delimiter line for {@code boundary}. When it ends, the
   * delimiter line has been consumed and {@link PartStream#closing()} says whether it was the close
   * delimiter; {@link PartStream#found()} is false if the input ended with no delimiter.
   */
  public PartStream partUntil(String boundary, boolean atBodyStart) {
    return new PartStream(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1), atBodyStart);
  }

  /** Bytes up to a delimiter; see {@link MimeInput#partUntil}. */
  public final class PartStream extends BlockInputStream {
    private final byte[] dash;
    private boolean atStart;
    private boolean done;
    private boolean found;
    private boolean closing;

    PartStream(byte[] dash, boolean atStart) {
      this.dash = dash;
      this.atStart = atStart;
    }

    public boolean found() {
      return found;
    }

    public boolean closing() {
      return closing;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (atStart) {
        atStart = false;
        fill(dash.length + 4);
        if (matchAt(pos) == Match.YES) {
          consumeDelimiter(pos + dash.length);
          return -1;
        }
      }
      while (true) {
        if (fill(dash.length + 4) == 0) {
          done = true;
          return -1;
        }
        int stop = contentEnd();
        if (stop < 0) {
          return -1;
        }
        if (stop > pos) {
          int n = Math.min(stop - pos, len);
          System.arraycopy(buf, pos, b, off, n);
          pos += n;
          return n;
        }
        fill(Math.min(BUFFER, lim - pos + dash.length + 4));
      }
    }

    /**
     * How far the buffered bytes are surely content: up to the line break of the first delimiter
     * line, or of a line that may be one once more input arrives. Consumes a delimiter that starts
     * right here and returns -1.
     */
    private int contentEnd() throws IOException {
      int from = pos;
      while (true) {
        int nl = ByteScan.lineFeed(buf, from, lim);
        if (nl < 0) {
          // A trailing CR may be the start of the delimiter's line break.
          return !eof && buf[lim - 1] == '\r' ? lim - 1 : lim;
        }
        Match m = matchAt(nl + 1);
        if (m == Match.NO) {
          from = nl + 1;
          continue;
        }
        int lineStart = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
        if (m == Match.YES && lineStart == pos) {
          consumeDelimiter(nl + 1 + dash.length);
          return -1;
        }
        return lineStart;
      }
    }

    private Match matchAt(int at) {
      int have = lim - at;
      int n = Math.min(have, dash.length);
      for (int k = 0; k < n; k++) {
        if (buf[at + k] != dash[k]) {
          return Match.NO;
        }
      }
      if (n < dash.length || have < dash.length + 2) {
        if (eof) {
          return n == dash.length ? Match.YES : Match.NO;
        }
        return Match.MAYBE;
      }
      byte c = buf[at + dash.length];
      byte d = buf[at + dash.length + 1];
      boolean ok = (c == '-' && d == '-') || c == '\r' || c == '\n' || c == ' ' || c == '\t';
      return ok ? Match.YES : Match.NO;
    }

    private void consumeDelimiter(int afterDash) throws IOException {
      pos = afterDash;
      found = true;
      done = true;
      fill(2);
      if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
        closing = true;
        pos += 2;
      }
      // transport padding, then the line break that ends the delimiter line
      while (fill(1) > 0) {
        byte c = buf[pos++];
        if (c == '\n') {
          break;
        }
      }
    }
  }

  private enum Match {
    YES,
    NO,
    MAYBE
  }
}
