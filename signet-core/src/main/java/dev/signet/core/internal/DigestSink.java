package dev.signet.core.internal;

import java.io.OutputStream;
import java.security.MessageDigest;

/** Digests everything written to it, with each of several digests. */
final class DigestSink extends OutputStream {
  private final java.util.Collection<MessageDigest> digests;

  DigestSink(java.util.Collection<MessageDigest> digests) {
    this.digests = digests;
  }

  @Override
  public void write(int b) {
    digests.forEach(d -> d.update((byte) b));
  }

  @Override
  public void write(byte[] b, int off, int len) {
    digests.forEach(d -> d.update(b, off, len));
  }
}
