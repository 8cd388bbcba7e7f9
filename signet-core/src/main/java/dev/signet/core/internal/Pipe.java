package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Two streaming stages joined without holding the message between them: the first writes on a
 * worker, the second reads on the caller's thread. The result counts only if both finished: a
 * first stage that failed part-way fails the whole, however much the second had already written.
 */
public final class Pipe {
  private static final int BUFFER = Workers.CHUNK;

  /** The stage that writes. */
  public interface Producer<T> {
    T write(OutputStream out) throws IOException;
  }

  /** The stage that reads. */
  public interface Consumer {
    void read(InputStream in) throws IOException;
  }

  private Pipe() {}

  /** Runs both stages; returns the first stage's result. */
  public static <T> T join(Producer<T> first, Consumer second) throws IOException {
    PipedInputStream in = new PipedInputStream(BUFFER);
    PipedOutputStream out = new PipedOutputStream(in);
    Future<T> writing = Workers.POOL.submit(() -> {
      try (out) {
        return first.write(out);
      }
    });
    try (in) {
      second.read(in);
    } catch (IOException | RuntimeException e) {
      writing.cancel(true);
      throw e;
    }
    return result(writing);
  }

  private static <T> T result(Future<T> writing) throws IOException {
    try {
      return writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the message was being written", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
