package dev.signet.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Quoted-printable (RFC 2045, 6.7) of text whose line breaks are CRLF. Every other CR or LF is
 * escaped: mime4j's encoder writes a bare CR as it is, and OpenSSL reads a CR at the end of a line as
 * part of the line break, so a signature over such text held for us and failed for OpenSSL. Like
 * mime4j's, it also escapes '=', '.', control and 8-bit bytes, and spaces and tabs that end a line.
 * {@link #close()} does not end the last line: the MIME delimiter that follows does.
 */
final class QuotedPrintableEncoding extends FilterOutputStream {
  /** An encoded line's characters before a soft line break's '=', which makes the 76th. */
  private static final int LINE = 75;
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  private final byte[] buffer = new byte[8192];
  private int used;
  private int column;
  /** A space or tab not yet written: escaped if the line ends after it, as it is otherwise. */
  private int pendingWhite = -1;
  /** A CR not yet written: a line break if LF follows, escaped otherwise. */
  private boolean pendingCr;

  QuotedPrintableEncoding(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    encode(b & 0xff);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      encode(b[i] & 0xff);
    }
  }

  private void encode(int b) throws IOException {
    if (pendingCr) {
      pendingCr = false;
      if (b == '\n') {
        writeWhite(true);
        put('\r');
        put('\n');
        column = 0;
        return;
      }
      bareCr();
    }
    if (b == '\r') {
      pendingCr = true;
    } else if (b == ' ' || b == '\t') {
      writeWhite(false);
      pendingWhite = b;
    } else {
      writeWhite(false);
      if (b > ' ' && b < 127 && b != '=' && b != '.') {
        plain(b);
      } else {
        escape(b);
      }
    }
  }

  /** A CR that ends no line: text, escaped, after the space or tab before it, which does not end the line either. */
  private void bareCr() throws IOException {
    writeWhite(false);
    escape('\r');
  }

  private void writeWhite(boolean endsLine) throws IOException {
    if (pendingWhite < 0) {
      return;
    }
    if (endsLine) {
      escape(pendingWhite);
    } else {
      plain(pendingWhite);
    }
    pendingWhite = -1;
  }

  private void plain(int b) throws IOException {
    room(1);
    put(b);
  }

  private void escape(int b) throws IOException {
    room(3);
    put('=');
    put(HEX[b >> 4]);
    put(HEX[b & 15]);
  }

  /** A soft line break unless {@code n} more characters fit on the line. */
  private void room(int n) throws IOException {
    if (column + n > LINE) {
      put('=');
      put('\r');
      put('\n');
      column = 0;
    }
    column += n;
  }

  private void put(int b) throws IOException {
    if (used == buffer.length) {
      out.write(buffer, 0, used);
      used = 0;
    }
    buffer[used++] = (byte) b;
  }

  @Override
  public void flush() throws IOException {
    out.write(buffer, 0, used);
    used = 0;
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (pendingCr) {
      pendingCr = false;
      bareCr();
    }
    writeWhite(true);
    super.close();
  }
}
