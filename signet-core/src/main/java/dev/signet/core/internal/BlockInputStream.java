package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that works in blocks; single-byte reads go through the block read. */
abstract class BlockInputStream extends InputStream {
  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int r;
    do {
      r = read(one, 0, 1);
    } while (r == 0);
    return r < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
