package dev.signet.server.mail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;

/** The file operations the mail store is built of, each on disk (forced) when it returns. */
final class Durably {
  private static final AtomicLong STAGED = new AtomicLong();

  private Durably() {}

  /** Forces a directory's entries (files made, renamed or deleted in it) to disk. */
  static void force(Path dir) throws IOException {
    try (FileChannel handle = FileChannel.open(dir, StandardOpenOption.READ)) {
      handle.force(true);
    }
  }

  /** A fresh name in {@code dir} that no other staged file of this process has. */
  static Path stagedName(Path dir) {
    return dir.resolve(unique());
  }

  /**
   * A fresh name beside {@code target} for it to be made under, or put aside under, before a rename:
   * {@code .<name>.<unique>.<purpose>}, hidden (a folder's listing clears such names that a crash left).
   */
  static Path aside(Path target, String purpose) {
    return target.resolveSibling("." + target.getFileName() + "." + unique() + "." + purpose);
  }

  private static String unique() {
    return ProcessHandle.current().pid() + "." + STAGED.incrementAndGet() + "." + System.nanoTime();
  }

  /** Writes {@code bytes} to a new file {@code file}, dated {@code modified}, forced to disk (not its directory). */
  static void writeNew(Path file, byte[] bytes, FileTime modified) throws IOException {
    writeForced(file, bytes);
    Files.setLastModifiedTime(file, modified);
  }

  private static void writeForced(Path file, byte[] bytes) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        out.write(b);
      }
      out.force(true);
    }
  }

  /** Replaces {@code file} whole with {@code text}: written aside, forced, renamed over it, directory forced. */
  static void replace(Path file, String text) throws IOException {
    Path staged = aside(file, "new");
    try {
      writeForced(staged, text.getBytes(StandardCharsets.UTF_8));
      Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      force(file.getParent());
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  /** Renames {@code from} to {@code to} atomically (same file system); forces neither directory. */
  static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a directory tree; what is already gone is fine. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
