package dev.signet.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes text with every line break (LF, CR or CRLF) as CRLF: MIME's canonical form. Text that is
 * already canonical passes through in whole blocks.
 */
public final class CrlfOutputStream extends FilterOutputStream {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LF = {'\n'};
  private boolean lastCr;
  private int last = -1;

  public CrlfOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    int start = off;
    int end = off + len;
    if (lastCr && b[off] != '\n') {
      out.write(LF);
    }
    for (int i = ByteScan.lineBreak(b, off, end); i >= 0; i = ByteScan.lineBreak(b, i + 1, end)) {
      if (b[i] == '\r' && i + 1 < end && b[i + 1] == '\n') {
        i++; // already canonical: the usual case, one step per line
      } else if (b[i] == '\n') {
        boolean afterCr = i > off ? b[i - 1] == '\r' : lastCr;
        if (!afterCr) {
          out.write(b, start, i - start);
          out.write(CRLF);
          start = i + 1;
        }
      } else if (i + 1 < end && b[i + 1] != '\n') {
        out.write(b, start, i + 1 - start);
        out.write(LF);
        start = i + 1;
      }
    }
    out.write(b, start, end - start);
    lastCr = b[end - 1] == '\r';
    last = b[end - 1];
  }

  /** Completes a pending CR and adds CRLF unless the text already ended with a line break. */
  public void endLine() throws IOException {
    if (lastCr) {
      out.write(LF);
    } else if (last != '\n') {
      out.write(CRLF);
    }
    lastCr = false;
    last = '\n';
  }

  /** Completes a pending CR without adding a line break. */
  public void finish() throws IOException {
    if (lastCr) {
      out.write(LF);
      lastCr = false;
      last = '\n';
    }
  }

  @Override
  public void close() throws IOException {
    finish();
    super.close();
  }
}
