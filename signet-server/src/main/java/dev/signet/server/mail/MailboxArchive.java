package dev.signet.server.mail;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps one INBOX on disk, since GreenMail holds mail in memory only: each message as the exact
 * bytes it holds, one file each ({@code 000000000001.eml}, ...), written to a temporary file, forced
 * to disk and renamed before SMTP acknowledges it; a file goes when its message is expunged. Flags,
 * other folders and UIDs are not kept.
 */
final class MailboxArchive implements FolderListener {
  private final Path dir;
  private final MailFolder inbox;
  private final Map<Long, Path> files = new HashMap<>();
  private long lastNumber;

  private MailboxArchive(Path dir, MailFolder inbox) {
    this.dir = dir;
    this.inbox = inbox;
  }

  /** Puts back what {@code dir} holds into {@code inbox}, then follows every change to it. */
  static MailboxArchive restore(Path dir, MailFolder inbox) throws IOException {
    Files.createDirectories(dir);
    MailboxArchive archive = new MailboxArchive(dir, inbox);
    List<Path> kept;
    List<Path> torn;
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.toList();
      kept = all.stream().filter(p -> p.getFileName().toString().matches("[0-9]{12}\\.eml")).sorted().toList();
      torn = all.stream().filter(p -> p.getFileName().toString().matches("\\.mail-.*\\.part")).toList();
    }
    for (Path part : torn) {
      Files.delete(part); // a write a crash cut short: never acknowledged
    }
    for (Path file : kept) {
      try (InputStream in = Files.newInputStream(file)) {
        Date received = Date.from(Files.getLastModifiedTime(file).toInstant());
        long uid = inbox.appendMessage(GreenMailUtil.newMimeMessage(in), new Flags(), received);
        archive.files.put(uid, file);
      }
      archive.lastNumber = Long.parseLong(file.getFileName().toString().substring(0, 12));
    }
    inbox.addListener(archive);
    return archive;
  }

  @Override
  public synchronized void added(int msn) {
    // By UID, from GreenMail's locked snapshot: its message list changes as other deliveries arrive.
    for (long uid : inbox.getMessageUids()) {
      StoredMessage m = files.containsKey(uid) ? null : inbox.getMessage(uid);
      if (m != null) {
        files.put(uid, write(m));
      }
    }
  }

  @Override
  public synchronized void expunged(int msn) {
    Set<Long> present = new HashSet<>();
    for (long uid : inbox.getMessageUids()) {
      present.add(uid);
    }
    for (var it = files.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!present.contains(e.getKey())) {
        delete(e.getValue());
        it.remove();
      }
    }
  }

  @Override
  public void flagsUpdated(int msn, Flags flags, Long uid) {
    // Flags are not kept across restarts.
  }

  @Override
  public void mailboxDeleted() {
    // The INBOX is never deleted while its person exists.
  }

  private Path write(StoredMessage m) {
    Path target = dir.resolve(String.format("%012d.eml", ++lastNumber));
    try {
      Path staged = Files.createTempFile(dir, ".mail-", ".part");
      try {
        try (FileChannel file = FileChannel.open(staged, StandardOpenOption.WRITE)) {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(file));
          m.getMimeMessage().writeTo(out);
          out.flush();
          file.force(true);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        force(dir); // the rename too must reach the disk before SMTP answers 250
      } finally {
        Files.deleteIfExists(staged);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a message in " + dir, e);
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot write a message to " + dir, e);
    }
  }

  private static void force(Path folder) throws IOException {
    try (FileChannel handle = FileChannel.open(folder, StandardOpenOption.READ)) {
      handle.force(true);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
