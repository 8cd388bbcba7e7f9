package dev.signet.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * A password the service keeps in its data folder (readable by its owner only) so that a restart
 * finds what the first start set up with it: the demo's password, the directory administrator's.
 */
public record KeptSecret(char[] value, boolean isNew) {
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** What {@code file} holds; else {@code given}, else a new random one, written to {@code file} first. */
  public static KeptSecret in(Path file, Optional<String> given) {
    try {
      if (Files.exists(file)) {
        return new KeptSecret(Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray(), false);
      }
      String value = given.filter(g -> !g.isBlank()).orElseGet(KeptSecret::generated);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path staged = Files.createTempFile(file.toAbsolutePath().getParent(), ".secret-", ".part",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(staged, value + "\n", StandardCharsets.UTF_8);
        Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(staged);
      }
      return new KeptSecret(value.toCharArray(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a password in " + file, e);
    }
  }

  /** 16 characters from 57 (about 93 bits), without look-alikes such as l, 1, O and 0. */
  private static String generated() {
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
