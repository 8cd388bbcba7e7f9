package dev.signet.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes text with every line feed as CRLF: MIME's canonical form, as OpenSSL computes it (a line
 * ends at LF; a CR before it belongs to the line break; a CR elsewhere is text). Text that is
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
    for (int i = ByteScan.lineFeed(b, off, end); i >= 0; i = ByteScan.lineFeed(b, i + 1, end)) {
      boolean afterCr = i > off ? b[i - 1] == '\r' : lastCr;
      if (!afterCr) {
        out.write(b, start, i - start);
        out.write(CRLF);
        start = i + 1;
      }
    }
    out.write(b, start, end - start);
    lastCr = b[end - 1] == '\r';
    last = b[end - 1];
  }

  /** Ends the line unless the text already ended with a line break (completing a final CR). */
  public void endLine() throws IOException {
    if (lastCr) {
      out.write(LF);
    } else if (last != '\n') {
      out.write(CRLF);
    }
    lastCr = false;
    last = '\n';
  }
}
