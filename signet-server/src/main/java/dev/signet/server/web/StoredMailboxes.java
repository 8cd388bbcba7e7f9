package dev.signet.server.web;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mailboxes kept in the service's database (when no mail server is connected): each message in one
 * folder, with its flags. The standard folders are always there; a person's own are in web_folder.
 */
final class StoredMailboxes implements Mailboxes {
  private static final long MAX_MESSAGE_BYTES = 25L << 20;
  private static final String COLUMNS = "SELECT id, received_at, raw, seen, flagged FROM web_message";
  private static final String ID = "[0-9]{1,18}";

  private final WebDatabase db;
  private final Clock clock;

  StoredMailboxes(WebDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<Message> list(Owner owner) {
    return db.query(COLUMNS + " WHERE mailbox = ? AND folder = ? ORDER BY id DESC", StoredMailboxes::message,
        mailbox(owner), Standard.INBOX.folder());
  }

  @Override
  public List<Folder> folders(Owner owner) {
    String mailbox = mailbox(owner);
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Standard s : Standard.values()) {
      counts.put(s.folder(), new int[2]);
    }
    db.query("SELECT name FROM web_folder WHERE mailbox = ? ORDER BY name", r -> r.getString(1), mailbox)
        .forEach(name -> counts.put(name, new int[2]));
    db.query("SELECT folder, COUNT(*), SUM(CASE WHEN seen THEN 0 ELSE 1 END) FROM web_message WHERE mailbox = ?"
        + " GROUP BY folder", r -> {
          int[] c = counts.get(r.getString(1));
          if (c != null) {
            c[0] = r.getInt(2);
            c[1] = r.getInt(3);
          }
          return c;
        }, mailbox);
    List<Folder> folders = new ArrayList<>();
    counts.forEach((name, c) -> folders.add(new Folder(name, c[0], c[1])));
    return folders;
  }

  @Override
  public Page page(Owner owner, String folder, int skip, int limit) {
    String mailbox = mailbox(owner);
    int total = db.one("SELECT COUNT(*) FROM web_message WHERE mailbox = ? AND folder = ?", r -> r.getInt(1), mailbox,
        folder).orElse(0);
    return new Page(db.query(COLUMNS + " WHERE mailbox = ? AND folder = ? ORDER BY id DESC LIMIT ? OFFSET ?",
        StoredMailboxes::message, mailbox, folder, limit, skip), total);
  }

  @Override
  public Optional<Message> fetch(Owner owner, String folder, String id) {
    if (!id.matches(ID)) {
      return Optional.empty();
    }
    return db.one(COLUMNS + " WHERE mailbox = ? AND folder = ? AND id = ?", StoredMailboxes::message,
        mailbox(owner), folder, Long.parseLong(id));
  }

  private static Message message(ResultSet r) throws SQLException {
    Set<Flag> flags = EnumSet.noneOf(Flag.class);
    if (r.getBoolean(4)) {
      flags.add(Flag.SEEN);
    }
    if (r.getBoolean(5)) {
      flags.add(Flag.FLAGGED);
    }
    return new Message(Long.toString(r.getLong(1)), WebDatabase.instant(r, 2), r.getBytes(3), flags);
  }

  @Override
  public void move(Owner owner, String folder, List<String> ids, String to) {
    String target = existing(owner, to);
    each(owner, folder, ids, "UPDATE web_message SET folder = ? WHERE mailbox = ? AND folder = ? AND id = ?", target);
  }

  @Override
  public void mark(Owner owner, String folder, List<String> ids, Flag flag, boolean set) {
    String column = flag == Flag.SEEN ? "seen" : "flagged";
    each(owner, folder, ids, "UPDATE web_message SET " + column + " = ? WHERE mailbox = ? AND folder = ? AND id = ?",
        set);
  }

  @Override
  public void destroy(Owner owner, String folder, List<String> ids) {
    each(owner, folder, ids, "DELETE FROM web_message WHERE mailbox = ? AND folder = ? AND id = ?");
  }

  /** Runs {@code sql} for each of {@code ids} in one transaction: {@code first} arguments, mailbox, folder, id. */
  private void each(Owner owner, String folder, List<String> ids, String sql, Object... first) {
    String mailbox = mailbox(owner);
    db.inTransaction(c -> {
      for (String id : ids) {
        if (id.matches(ID)) {
          Object[] args = java.util.Arrays.copyOf(first, first.length + 3);
          args[first.length] = mailbox;
          args[first.length + 1] = folder;
          args[first.length + 2] = Long.parseLong(id);
          WebDatabase.update(c, sql, args);
        }
      }
      return null;
    });
  }

  @Override
  public void createFolder(Owner owner, String name) {
    String own = Folder.ownName(name);
    String mailbox = mailbox(owner);
    db.inTransaction(c -> {
      if (ownFolder(c, mailbox, own)) {
        throw new IllegalArgumentException("You have a folder called " + own + " already.");
      }
      return WebDatabase.update(c, "INSERT INTO web_folder (mailbox, name) VALUES (?, ?)", mailbox, own);
    });
  }

  @Override
  public void renameFolder(Owner owner, String name, String newName) {
    String own = Folder.ownName(newName);
    String mailbox = mailbox(owner);
    db.inTransaction(c -> {
      if (!ownFolder(c, mailbox, name)) {
        throw new IllegalArgumentException("You have no folder of your own called " + name + ".");
      }
      if (ownFolder(c, mailbox, own)) {
        throw new IllegalArgumentException("You have a folder called " + own + " already.");
      }
      WebDatabase.update(c, "UPDATE web_folder SET name = ? WHERE mailbox = ? AND name = ?", own, mailbox, name);
      return WebDatabase.update(c, "UPDATE web_message SET folder = ? WHERE mailbox = ? AND folder = ?", own, mailbox,
          name);
    });
  }

  @Override
  public void deleteFolder(Owner owner, String name) {
    String mailbox = mailbox(owner);
    db.inTransaction(c -> {
      if (!ownFolder(c, mailbox, name)) {
        throw new IllegalArgumentException("You have no folder of your own called " + name + ".");
      }
      WebDatabase.update(c, "UPDATE web_message SET folder = ? WHERE mailbox = ? AND folder = ?",
          Standard.TRASH.folder(), mailbox, name);
      return WebDatabase.update(c, "DELETE FROM web_folder WHERE mailbox = ? AND name = ?", mailbox, name);
    });
  }

  private static boolean ownFolder(Connection c, String mailbox, String name) throws SQLException {
    try (var s = c.prepareStatement("SELECT 1 FROM web_folder WHERE mailbox = ? AND name = ?")) {
      s.setString(1, mailbox);
      s.setString(2, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** {@code name} when the person has that folder. */
  private String existing(Owner owner, String name) {
    if (Standard.named(name).isPresent()
        || db.one("SELECT 1 FROM web_folder WHERE mailbox = ? AND name = ?", r -> 1, mailbox(owner), name)
            .isPresent()) {
      return Standard.named(name).map(Standard::folder).orElse(name);
    }
    throw new IllegalArgumentException("You have no folder called " + name + ".");
  }

  @Override
  public void keepSent(Owner owner, byte[] message) {
    checkSize(message);
    db.update("INSERT INTO web_message (mailbox, received_at, raw, folder, seen) VALUES (?, ?, ?, ?, ?)",
        mailbox(owner), clock.instant(), message, Standard.SENT.folder(), true);
  }

  @Override
  public void deliver(Owner from, List<String> recipients, byte[] message) {
    checkSize(message);
    db.inTransaction(c -> {
      for (String to : recipients) {
        WebDatabase.update(c, "INSERT INTO web_message (mailbox, received_at, raw) VALUES (?, ?, ?)",
            Accounts.normalize(to), clock.instant(), message);
      }
      return null;
    });
  }

  private static void checkSize(byte[] message) {
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("a message is at most " + (MAX_MESSAGE_BYTES >> 20) + " MiB");
    }
  }

  private static String mailbox(Owner owner) {
    return Accounts.normalize(owner.address());
  }
}
