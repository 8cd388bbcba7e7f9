package dev.signet.server.web;

import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The port the web UI reads and sends mail through: a person's mailbox as raw messages, and
 * delivery of a composed message. The messages are never rebuilt: signatures cover their bytes.
 * The service's own mail store opens a mailbox by its address; the organisation's mail servers
 * want the owner's login, which the web UI keeps with the session.
 */
public interface Mailboxes {

  /** The IMAP flags the web shows and sets on a message. */
  enum Flag { SEEN, FLAGGED }

  /** One message in a mailbox, as it arrived, with its flags. */
  record Message(String id, Instant received, byte[] raw, Set<Flag> flags) {
    public Message {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(received, "received");
      raw = raw.clone();
      flags = Set.copyOf(flags);
    }

    /** A message with no flags set: new, unread. */
    public Message(String id, Instant received, byte[] raw) {
      this(id, received, raw, Set.of());
    }

    public boolean seen() {
      return flags.contains(Flag.SEEN);
    }

    public boolean flagged() {
      return flags.contains(Flag.FLAGGED);
    }

    @Override
    public byte[] raw() {
      return raw.clone();
    }
  }

  /**
   * The organisation's own mail servers: each person's {@code imap} folder read and mail sent through
   * {@code smtp}, logged in as the person; the IMAP server checks their password at sign-in.
   */
  static Mailboxes atMailServers(MailTransport transport, MailServer smtp, MailServer imap) {
    return new ExternalMailboxes(transport, smtp, imap);
  }

  /** Whose mailbox: the address, and the owner's mail login where the mail server checks one. */
  record Owner(String address, Optional<Login> login) {
    public Owner {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(login, "login");
    }

    /** The mailbox of {@code address} where the service itself keeps the mail and needs no login. */
    public static Owner of(String address) {
      return new Owner(address, Optional.empty());
    }
  }

  /**
   * The folders everyone has, made on first use: their names in the mailbox and the RFC 6154 special use
   * by which a mail program (and an IMAP server that names them otherwise) knows them.
   */
  enum Standard {
    INBOX("INBOX", ""), DRAFTS("Drafts", "\\Drafts"), SENT("Sent", "\\Sent"), ARCHIVE("Archive", "\\Archive"),
    TRASH("Trash", "\\Trash");

    private final String folder;
    private final String specialUse;

    Standard(String folder, String specialUse) {
      this.folder = folder;
      this.specialUse = specialUse;
    }

    public String folder() {
      return folder;
    }

    /** The RFC 6154 attribute (\Sent, say), or "" for the INBOX, which IMAP names itself. */
    public String specialUse() {
      return specialUse;
    }

    /** The standard folder called {@code name} (the INBOX in any case, as IMAP has it). */
    public static Optional<Standard> named(String name) {
      for (Standard s : values()) {
        if (s.folder.equals(name) || (s == INBOX && s.folder.equalsIgnoreCase(name))) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /** A folder as listed: its name, how many messages it holds and how many of them are unread. */
  record Folder(String name, int total, int unread) {
    private static final Pattern OWN_NAME = Pattern.compile("[\\p{L}\\p{N} _'()-]{1,60}");

    public Folder {
      Objects.requireNonNull(name, "name");
    }

    /** Whether everyone has it, so it may be neither renamed nor deleted. */
    public boolean standard() {
      return Standard.named(name).isPresent();
    }

    /** {@code name}, refused when it is a standard folder's, which is never renamed or deleted. */
    public static String requireOwn(String name) {
      if (Standard.named(name).isPresent()) {
        throw new IllegalArgumentException("The standard folders cannot be renamed or deleted.");
      }
      return name;
    }

    /**
     * {@code name} as a folder of the person's own: letters, digits, spaces and a little punctuation (no
     * hierarchy separator), not a standard folder's name in any case.
     */
    public static String ownName(String name) {
      String n = name == null ? "" : name.strip();
      if (!OWN_NAME.matcher(n).matches()) {
        throw new IllegalArgumentException("A folder name is 1 to 60 letters, digits, spaces, _ ' ( ) or -.");
      }
      for (Standard s : Standard.values()) {
        if (s.folder.toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("Everyone has a folder called " + s.folder + ": choose another name.");
        }
      }
      return n;
    }
  }

  /** The messages of {@code owner}'s INBOX, newest first. */
  List<Message> list(Owner owner);

  /** {@code owner}'s folders: the standard ones first (made if missing), then their own, by name. */
  List<Folder> folders(Owner owner);

  /** Messages {@code ids} of {@code folder} moved to folder {@code to}; ids not there are passed over. */
  void move(Owner owner, String folder, List<String> ids, String to);

  /** Sets ({@code set}) or clears {@code flag} on messages {@code ids} of {@code folder}. */
  void mark(Owner owner, String folder, List<String> ids, Flag flag, boolean set);

  /** Deletes messages {@code ids} of {@code folder} for good. */
  void destroy(Owner owner, String folder, List<String> ids);

  /** Makes a folder of the person's own, {@code name} checked by {@link Folder#ownName}. */
  void createFolder(Owner owner, String name);

  /** Renames the person's own folder {@code name} to {@code newName}. */
  void renameFolder(Owner owner, String name, String newName);

  /** Deletes the person's own folder {@code name}; what it held goes to Trash first. */
  void deleteFolder(Owner owner, String name);

  /** Keeps {@code message}, as the web sent it, in the sender's Sent folder, marked seen. */
  void keepSent(Owner owner, byte[] message);

  /** Some of a mailbox's messages, newest first, and how many it holds in all. */
  record Page(List<Message> messages, int total) {
    public Page {
      messages = List.copyOf(messages);
    }
  }

  /**
   * The messages of {@code owner}'s {@code folder} after its {@code skip} newest, at most {@code limit},
   * newest first; a mail server is asked for those only.
   */
  Page page(Owner owner, String folder, int skip, int limit);

  /** As {@link #page(Owner, String, int, int)} of the INBOX. */
  default Page page(Owner owner, int skip, int limit) {
    return page(owner, Standard.INBOX.folder(), skip, limit);
  }

  /** One message of {@code owner}'s {@code folder}; empty when there is no such message or folder. */
  Optional<Message> fetch(Owner owner, String folder, String id);

  /** One message of {@code owner}'s INBOX. */
  default Optional<Message> fetch(Owner owner, String id) {
    return fetch(owner, Standard.INBOX.folder(), id);
  }

  /** Delivers {@code message} (RFC 5322 bytes, unchanged) from {@code from} to each recipient's mailbox. */
  void deliver(Owner from, List<String> recipients, byte[] message);

  /** As {@link #list(Owner)}, for a mailbox the service keeps itself. */
  default List<Message> list(String address) {
    return list(Owner.of(address));
  }

  /** As {@link #deliver(Owner, List, byte[])}, for mail the service delivers itself. */
  default void deliver(String from, List<String> recipients, byte[] message) {
    deliver(Owner.of(from), recipients, message);
  }

  /**
   * Whether the mail server, not the web UI's accounts, decides a person's password: then sign-in
   * asks {@link #accepts} and the session keeps the password to open the mailbox with.
   */
  default boolean checksPasswords() {
    return false;
  }

  /** Whether the mail server accepts {@code login}; only where it {@link #checksPasswords() checks passwords}. */
  default boolean accepts(Login login) {
    throw new UnsupportedOperationException("the service's own accounts check passwords here");
  }
}
