package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies content to the caller's output in 64 KiB reads, where {@code InputStream.transferTo} reads 8 or 16: from
 * that size Bouncy Castle's buffered content streams (32 KiB) and an output's 64 KiB buffer pass the bytes
 * through instead of copying them once more.
 */
final class ContentCopy {
  private static final int CHUNK = 64 * 1024;

  private ContentCopy() {}

  static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] chunk = new byte[CHUNK];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      out.write(chunk, 0, n);
    }
  }
}
