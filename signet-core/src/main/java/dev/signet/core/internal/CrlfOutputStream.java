package dev.signet.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes text with every line break (LF, CR or CRLF) as CRLF: MIME's canonical form. */
public final class CrlfOutputStream extends FilterOutputStream {
  private boolean lastCr;
  private int last = -1;

  public CrlfOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '\n') {
      if (!lastCr) {
        out.write('\r');
      }
      out.write('\n');
      lastCr = false;
    } else {
      if (lastCr) {
        out.write('\n');
      }
      if (b == '\r') {
        out.write('\r');
        lastCr = true;
      } else {
        out.write(b);
        lastCr = false;
      }
    }
    last = b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (c == '\n' || c == '\r' || lastCr) {
        out.write(b, start, i - start);
        write(c & 0xff);
        start = i + 1;
      }
    }
    if (start < end) {
      out.write(b, start, end - start);
      last = b[end - 1];
    }
  }

  /** Completes a pending CR and adds CRLF unless the text already ended with a line break. */
  public void endLine() throws IOException {
    if (lastCr) {
      out.write('\n');
      lastCr = false;
      last = '\n';
    } else if (last != '\n') {
      out.write('\r');
      out.write('\n');
      last = '\n';
    }
  }

  /** Completes a pending CR without adding a line break. */
  public void finish() throws IOException {
    if (lastCr) {
      out.write('\n');
      lastCr = false;
    }
  }

  @Override
  public void close() throws IOException {
    finish();
    super.close();
  }
}
