package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source on another core, ahead of the caller, so that decoding (base64, MIME scanning)
 * runs beside decryption rather than before it. The first bytes are read on the caller's thread;
 * past a threshold a worker takes over the source and passes chunks through a bounded ring (2 MiB
 * in all). {@link #close()} stops and waits for the worker, abandoning what it read ahead; after
 * it the caller may use the source again.
 */
final class ReadAheadStream extends BlockInputStream implements AutoCloseable {
  private static final int INLINE = 256 << 10;
  private static final int CHUNK = Workers.CHUNK;
  private static final int BUFFERS = 8;

  private final InputStream source;
  private long readInline;
  private BlockingQueue<Chunk> full;
  private BlockingQueue<byte[]> free;
  private Future<?> worker;
  private volatile boolean stopped;
  private Chunk current;
  private int pos;
  private boolean ended;

  /** A filled buffer; a negative length marks the end of the source, a failure carries its cause. */
  private record Chunk(byte[] bytes, int length, IOException failure) {}

  ReadAheadStream(InputStream source) {
    this.source = source;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (worker == null) {
      if (readInline < INLINE) {
        int n = source.read(b, off, (int) Math.min(len, INLINE - readInline));
        if (n > 0) {
          readInline += n;
        }
        return n;
      }
      start();
    }
    while (current == null || pos == current.length()) {
      if (ended) {
        return -1;
      }
      next();
    }
    int n = Math.min(len, current.length() - pos);
    System.arraycopy(current.bytes(), pos, b, off, n);
    pos += n;
    return n;
  }

  private void start() {
    full = new ArrayBlockingQueue<>(BUFFERS + 1);
    free = new ArrayBlockingQueue<>(BUFFERS);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(Workers.chunk());
    }
    worker = Workers.POOL.submit(() -> {
      try {
        while (!stopped) {
          byte[] buf = free.poll(1, TimeUnit.MINUTES);
          if (buf == null) {
            return null;
          }
          int n = source.readNBytes(buf, 0, CHUNK);
          full.put(new Chunk(buf, n, null));
          if (n < CHUNK) {
            full.put(new Chunk(null, -1, null));
            return null;
          }
        }
      } catch (IOException e) {
        full.put(new Chunk(null, -1, e));
      }
      return null;
    });
  }

  private void next() throws IOException {
    if (current != null && current.bytes() != null) {
      free.offer(current.bytes());
    }
    try {
      current = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    }
    pos = 0;
    if (current.failure() != null) {
      ended = true;
      throw current.failure();
    }
    if (current.length() < 0) {
      ended = true;
      current = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (worker == null) {
      return;
    }
    stopped = true;
    java.util.List<byte[]> spare = new java.util.ArrayList<>();
    // Unblock a worker that waits for room in the ring or for an empty buffer.
    for (Chunk c = full.poll(); c != null; c = full.poll()) {
      if (c.bytes() != null) {
        spare.add(c.bytes());
      }
    }
    free.offer(Workers.chunk());
    try {
      worker.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    } catch (ExecutionException e) {
      throw new IOException("reading ahead failed", e.getCause());
    }
    free.drainTo(spare);
    spare.forEach(Workers::recycle);
  }
}
