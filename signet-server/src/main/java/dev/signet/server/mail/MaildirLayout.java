package dev.signet.server.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a folder's directory holds besides its messages' names: messages in {@code cur/}, a message
 * being written in {@code tmp/}, child folders in {@code sub/}, UIDVALIDITY in {@code uidvalidity},
 * the next UID in {@code uidnext} once the newest message was expunged, and a {@code noselect} mark on
 * a folder that holds only folders. Every change is forced to disk before it is relied on.
 */
final class MaildirLayout {
  static final String MESSAGES = "cur";
  static final String STAGING = "tmp";
  static final String CHILDREN = "sub";
  static final String UIDVALIDITY = "uidvalidity";
  static final String UIDNEXT = "uidnext";
  static final String NOSELECT = "noselect";

  private MaildirLayout() {}

  /** Makes a folder's directory {@code dir} whole, aside and then renamed in, so a crash leaves all or nothing. */
  static void make(Path dir, long uidValidity, boolean selectable) throws IOException {
    Path staged = Durably.aside(dir, "new");
    Files.createDirectories(staged.resolve(MESSAGES));
    Files.createDirectories(staged.resolve(STAGING));
    Files.createDirectories(staged.resolve(CHILDREN));
    Durably.replace(staged.resolve(UIDVALIDITY), Long.toString(uidValidity));
    if (!selectable) {
      Durably.replace(staged.resolve(NOSELECT), "");
    }
    Durably.force(staged.resolve(MESSAGES));
    Durably.force(staged);
    Durably.rename(staged, dir);
    Durably.force(dir.getParent());
  }

  static long uidValidity(Path dir) throws IOException {
    return readNumber(dir.resolve(UIDVALIDITY));
  }

  static boolean selectable(Path dir) {
    return !Files.exists(dir.resolve(NOSELECT));
  }

  static void markSelectable(Path dir, boolean value) throws IOException {
    if (value) {
      Files.deleteIfExists(dir.resolve(NOSELECT));
      Durably.force(dir);
    } else {
      Durably.replace(dir.resolve(NOSELECT), "");
    }
  }

  /** The next UID as written down, 1 if it never was. */
  static long keptUidNext(Path dir) throws IOException {
    return readNumber(dir.resolve(UIDNEXT));
  }

  /** Writes down the next UID, so that no UID comes back once its message is gone. */
  static void keepUidNext(Path dir, long uidNext) throws IOException {
    Durably.replace(dir.resolve(UIDNEXT), Long.toString(uidNext));
  }

  private static long readNumber(Path file) throws IOException {
    return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 1;
  }

  /** The directories of the child folders, after deleting what a crash left half made or half deleted. */
  static List<Path> children(Path dir) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> subs = Files.newDirectoryStream(dir.resolve(CHILDREN))) {
      for (Path sub : subs) {
        if (sub.getFileName().toString().startsWith(".")) {
          Durably.deleteTree(sub);
        } else if (Files.isDirectory(sub)) {
          found.add(sub);
        }
      }
    } catch (NoSuchFileException none) {
      // no children yet
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the folders in " + dir, e);
    }
    return found;
  }

  /** Deletes what a crash left in {@code tmp/}: never renamed in, so never acknowledged. */
  static void clearStaging(Path dir) throws IOException {
    try (DirectoryStream<Path> staged = Files.newDirectoryStream(dir.resolve(STAGING))) {
      for (Path torn : staged) {
        Files.deleteIfExists(torn);
      }
    } catch (NoSuchFileException none) {
      // a folder without messages
    }
  }
}
