package dev.signet.server.web;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * A person's folders on an IMAP server, logged in: the standard folders found by their RFC 6154
 * special use (a server's "Sent Items" is the web's Sent), else by name, and made when missing; the
 * person's own folders are the others at the top level. Moves use MOVE where the server has it.
 */
final class ImapFolders {
  private final Store store;
  private final Map<Mailboxes.Standard, Folder> standard = new EnumMap<>(Mailboxes.Standard.class);
  private final List<Folder> own = new ArrayList<>();

  private ImapFolders(Store store) {
    this.store = store;
  }

  static ImapFolders of(Store store) throws MessagingException {
    ImapFolders folders = new ImapFolders(store);
    Folder[] top = store.getDefaultFolder().list("%");
    folders.standard.put(Mailboxes.Standard.INBOX, store.getFolder("INBOX"));
    for (Mailboxes.Standard s : Mailboxes.Standard.values()) {
      if (s != Mailboxes.Standard.INBOX) {
        Folder found = Arrays.stream(top).filter(f -> usedAs(f, s)).findFirst()
            .or(() -> Arrays.stream(top).filter(f -> f.getName().equals(s.folder())).findFirst())
            .orElse(null);
        if (found == null) {
          found = store.getFolder(s.folder());
          found.create(Folder.HOLDS_MESSAGES);
        }
        folders.standard.put(s, found);
      }
    }
    for (Folder f : top) {
      if (folders.standard.values().stream().noneMatch(s -> s.getFullName().equals(f.getFullName()))
          && (f.getType() & Folder.HOLDS_MESSAGES) != 0) {
        folders.own.add(f);
      }
    }
    folders.own.sort(Comparator.comparing(Folder::getName));
    return folders;
  }

  private static boolean usedAs(Folder f, Mailboxes.Standard s) {
    try {
      return f instanceof IMAPFolder i && Arrays.asList(i.getAttributes()).contains(s.specialUse());
    } catch (MessagingException e) {
      return false;
    }
  }

  /** The folders as the web lists them, counted by the server (STATUS). */
  List<Mailboxes.Folder> list() throws MessagingException {
    List<Mailboxes.Folder> listed = new ArrayList<>();
    for (Map.Entry<Mailboxes.Standard, Folder> s : standard.entrySet()) {
      listed.add(counted(s.getKey().folder(), s.getValue()));
    }
    for (Folder f : own) {
      listed.add(counted(f.getName(), f));
    }
    return listed;
  }

  private static Mailboxes.Folder counted(String name, Folder f) throws MessagingException {
    return new Mailboxes.Folder(name, f.getMessageCount(), f.getUnreadMessageCount());
  }

  /** The server's folder the web calls {@code name}. */
  Folder folder(String name) {
    return Mailboxes.Standard.named(name).map(standard::get)
        .or(() -> own.stream().filter(f -> f.getName().equals(name)).findFirst())
        .orElseThrow(() -> new IllegalArgumentException("You have no folder called " + name + "."));
  }

  /** Messages {@code ids} ("UIDVALIDITY-UID") of {@code name}, opened to be changed, to {@code work}. */
  void change(String name, List<String> ids, MessageWork work) throws MessagingException {
    Folder f = folder(name);
    f.open(Folder.READ_WRITE);
    try {
      long validity = ((UIDFolder) f).getUIDValidity();
      long[] uids = ids.stream().map(ExternalMailboxes::parse).filter(Objects::nonNull).filter(id -> id[0] == validity)
          .mapToLong(id -> id[1]).toArray();
      Message[] messages = Arrays.stream(((UIDFolder) f).getMessagesByUID(uids)).filter(Objects::nonNull)
          .toArray(Message[]::new);
      if (messages.length > 0) {
        work.run((IMAPFolder) f, messages);
      }
    } finally {
      f.close(false);
    }
  }

  interface MessageWork {
    void run(IMAPFolder folder, Message[] messages) throws MessagingException;
  }

  void move(String name, List<String> ids, String to) throws MessagingException {
    Folder target = folder(to);
    if (target.getFullName().equals(folder(name).getFullName())) {
      return;
    }
    change(name, ids, (f, messages) -> move(f, messages, target));
  }

  private void move(IMAPFolder from, Message[] messages, Folder target) throws MessagingException {
    if (((IMAPStore) store).hasCapability("MOVE")) {
      from.moveMessages(messages, target);
    } else {
      from.copyMessages(messages, target);
      destroy(from, messages);
    }
  }

  static void destroy(IMAPFolder from, Message[] messages) throws MessagingException {
    from.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
    from.expunge(messages);
  }

  void create(String name) throws MessagingException {
    Folder f = store.getFolder(Mailboxes.Folder.ownName(name));
    if (f.exists()) {
      throw new IllegalArgumentException("You have a folder called " + f.getName() + " already.");
    }
    f.create(Folder.HOLDS_MESSAGES);
  }

  void rename(String name, String newName) throws MessagingException {
    Folder from = ownFolder(name);
    Folder to = store.getFolder(Mailboxes.Folder.ownName(newName));
    if (to.exists()) {
      throw new IllegalArgumentException("You have a folder called " + to.getName() + " already.");
    }
    from.renameTo(to);
  }

  void delete(String name) throws MessagingException {
    Folder f = ownFolder(name);
    f.open(Folder.READ_WRITE);
    try {
      if (f.getMessageCount() > 0) {
        move((IMAPFolder) f, f.getMessages(), standard.get(Mailboxes.Standard.TRASH));
      }
    } finally {
      f.close(false);
    }
    f.delete(false);
  }

  private Folder ownFolder(String name) {
    return folder(Mailboxes.Folder.requireOwn(name));
  }

  /** Appends {@code raw} to Sent, seen; Angus writes an unchanged parsed message out as it read it. */
  void keepSent(byte[] raw) throws MessagingException {
    MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw));
    m.setFlag(Flags.Flag.SEEN, true);
    standard.get(Mailboxes.Standard.SENT).appendMessages(new Message[] {m});
  }
}
