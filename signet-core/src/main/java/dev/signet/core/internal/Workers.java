package dev.signet.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The daemon threads that run the second half of a pipelined stream (hashing, reading ahead). */
final class Workers {
  static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "signet-pipeline");
    t.setDaemon(true);
    return t;
  });

  /** The size of the buffers that travel between the two halves of a pipeline. */
  static final int CHUNK = 256 << 10;

  /** Buffers kept for reuse between messages, so a stream of messages allocates nothing. */
  private static final java.util.concurrent.BlockingQueue<byte[]> SPARE =
      new java.util.concurrent.ArrayBlockingQueue<>(32);

  private Workers() {}

  static byte[] chunk() {
    byte[] spare = SPARE.poll();
    return spare != null ? spare : new byte[CHUNK];
  }

  static void recycle(byte[] chunk) {
    SPARE.offer(chunk);
  }
}
