package dev.signet.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Passes bytes to a sink on another core, so that hashing runs beside parsing rather than after
 * it. Small inputs go straight to the sink on the caller's thread; past a threshold, bytes travel
 * in a bounded ring of buffers (2 MiB in all) to a worker. {@link #close()} waits for the worker:
 * after it, the sink has seen every byte.
 */
final class WriteBehindStream extends OutputStream {
  private static final int INLINE = 256 << 10;
  private static final int CHUNK = Workers.CHUNK;
  private static final int BUFFERS = 8;
  private static final Chunk END = new Chunk(new byte[0], 0);

  private final OutputStream sink;
  private long written;
  private BlockingQueue<Chunk> full;
  private BlockingQueue<byte[]> free;
  private int allocated;
  private Future<?> worker;
  private byte[] current;
  private int used;
  private boolean closed;

  WriteBehindStream(OutputStream sink) {
    this.sink = sink;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (worker == null && written + len <= INLINE) {
      written += len;
      sink.write(b, off, len);
      return;
    }
    if (worker == null) {
      start();
    }
    while (len > 0) {
      int n = Math.min(len, CHUNK - used);
      System.arraycopy(b, off, current, used, n);
      used += n;
      off += n;
      len -= n;
      if (used == CHUNK) {
        handOff();
      }
    }
  }

  private void start() throws IOException {
    full = new ArrayBlockingQueue<>(BUFFERS + 1);
    free = new ArrayBlockingQueue<>(BUFFERS);
    current = chunk();
    worker = Workers.POOL.submit(() -> {
      while (true) {
        // An abandoned stream (its caller failed) lets the worker go after a minute.
        Chunk chunk = full.poll(1, TimeUnit.MINUTES);
        if (chunk == null || chunk == END) {
          return null;
        }
        sink.write(chunk.bytes(), 0, chunk.length());
        free.put(chunk.bytes());
      }
    });
  }

  /** A buffer and how much of it is filled. */
  private record Chunk(byte[] bytes, int length) {}

  private void handOff() throws IOException {
    try {
      full.put(new Chunk(current, used));
      current = free.poll();
      if (current == null) {
        current = allocated < BUFFERS ? chunk() : free.take();
      }
      used = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    }
  }

  private byte[] chunk() {
    allocated++;
    return Workers.chunk();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (worker == null) {
      return;
    }
    if (used > 0) {
      handOff();
    }
    try {
      full.put(END);
      worker.get();
      Workers.recycle(current);
      for (byte[] b = free.poll(); b != null; b = free.poll()) {
        Workers.recycle(b);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("hashing failed", e.getCause());
    }
  }
}
