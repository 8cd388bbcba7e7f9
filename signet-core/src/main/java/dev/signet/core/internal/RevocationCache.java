package dev.signet.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Revocation information fetched earlier (CRLs, OCSP responses), one file per source in a folder,
 * used until the next update it names. A file that is unreadable, too large or out of date is simply
 * not used; writes are atomic renames.
 */
final class RevocationCache {
  /** Reads what a file holds; any failure leaves the file unused. */
  interface Reading<T> {
    T read(byte[] der) throws IOException, GeneralSecurityException;
  }

  private final Path dir;
  private final long maxBytes;

  RevocationCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** What is kept under {@code key}, if its next update (read by {@code nextUpdate}) is after {@code now}. */
  <T> Optional<T> current(String key, Instant now, Reading<T> reading, Function<T, Optional<Instant>> nextUpdate) {
    Path file = fileFor(key);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > maxBytes) {
        return Optional.empty();
      }
      T kept = reading.read(Files.readAllBytes(file));
      return nextUpdate.apply(kept).filter(next -> next.isAfter(now)).map(next -> kept);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Keeps {@code der} under {@code key}; a cache that cannot be written is not an error. */
  void store(String key, byte[] der) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "fetched", ".tmp");
      Files.write(tmp, der);
      Files.move(tmp, fileFor(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Reading goes on without the cache.
    }
  }

  private Path fileFor(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash) + ".der");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
