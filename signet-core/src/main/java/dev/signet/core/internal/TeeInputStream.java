package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read to a side stream. */
final class TeeInputStream extends java.io.FilterInputStream {
  private final OutputStream side;

  TeeInputStream(InputStream in, OutputStream side) {
    super(in);
    this.side = side;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      side.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      side.write(b, off, n);
    }
    return n;
  }
}
