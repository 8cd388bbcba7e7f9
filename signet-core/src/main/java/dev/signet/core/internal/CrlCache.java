package dev.signet.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * CRLs fetched earlier, one file per URL in a folder, used until their next update. A file that is
 * unreadable, too large or out of date is simply not used; writes are atomic renames.
 */
final class CrlCache {
  private final Path dir;
  private final long maxBytes;

  CrlCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** The CRL cached for {@code url}, if it is still current at {@code now}. */
  Optional<X509CRL> current(URI url, Instant now) {
    Path file = fileFor(url);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > maxBytes) {
        return Optional.empty();
      }
      X509CRL crl = parse(Files.readAllBytes(file));
      boolean current = crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isAfter(now);
      return current ? Optional.of(crl) : Optional.empty();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Keeps {@code der} for {@code url}; a cache that cannot be written is not an error. */
  void store(URI url, byte[] der) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "crl", ".tmp");
      Files.write(tmp, der);
      Files.move(tmp, fileFor(url), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Reading goes on without the cache.
    }
  }

  static X509CRL parse(byte[] bytes) throws GeneralSecurityException {
    return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
  }

  private Path fileFor(URI url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash) + ".crl");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
