package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.TransportException;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organisation's own mail servers as the web UI's mailboxes: a person's folder read over IMAP as
 * the exact bytes the server holds, and mail sent over SMTP, each logged in as the person with the
 * mail password their session keeps. The IMAP server is the authority on passwords. TLS certificates
 * are verified; STARTTLS is required except on loopback ({@link MailTransport}).
 */
final class ExternalMailboxes implements Mailboxes {
  // A message is named by its folder's UIDVALIDITY and its UID: the same on every node, across restarts.
  private static final Pattern ID = Pattern.compile("([0-9]{1,20})-([0-9]{1,20})");

  private final MailTransport transport;
  private final MailServer smtp;
  private final MailServer imap;

  ExternalMailboxes(MailTransport transport, MailServer smtp, MailServer imap) {
    if (!smtp.protocol().submission() || imap.protocol().submission()) {
      throw new IllegalArgumentException("an SMTP server and an IMAP server are needed: " + smtp + ", " + imap);
    }
    this.transport = transport;
    this.smtp = smtp;
    this.imap = imap;
  }

  @Override
  public List<Message> list(Owner owner) {
    List<Message> found = new ArrayList<>();
    imap(() -> transport.fetch(imap, login(owner), into(found, (validity, uid) -> true)));
    Collections.reverse(found);
    return found;
  }

  @Override
  public Page page(Owner owner, String folder, int skip, int limit) {
    List<Message> found = new ArrayList<>();
    String name = serverName(owner, folder);
    int total = imap(() -> transport.fetchNewest(imap, login(owner), name, skip, limit, into(found,
        (validity, uid) -> true)));
    Collections.reverse(found);
    return new Page(found, total);
  }

  @Override
  public Optional<Message> fetch(Owner owner, String folder, String id) {
    long[] parsed = parse(id);
    if (parsed == null) {
      return Optional.empty();
    }
    List<Message> found = new ArrayList<>();
    String name = serverName(owner, folder);
    imap(() -> transport.fetchByUid(imap, login(owner), name, new long[] {parsed[1]},
        into(found, (v, u) -> v == parsed[0] && u == parsed[1])));
    return found.stream().findFirst();
  }

  /** A message id's UIDVALIDITY and UID; null when it is not a message id. */
  static long[] parse(String id) {
    Matcher m = ID.matcher(id);
    return m.matches() ? new long[] {Long.parseUnsignedLong(m.group(1)), Long.parseUnsignedLong(m.group(2))} : null;
  }

  /** The name on the server of the folder the web calls {@code folder} (Sent may be "Sent Items" there). */
  private String serverName(Owner owner, String folder) {
    if (Standard.named(folder).filter(s -> s == Standard.INBOX).isPresent()) {
      return imap.folder();
    }
    return inFolders(owner, f -> f.folder(folder).getFullName());
  }

  @Override
  public List<Folder> folders(Owner owner) {
    return inFolders(owner, ImapFolders::list);
  }

  @Override
  public void move(Owner owner, String folder, List<String> ids, String to) {
    inFolders(owner, f -> {
      f.move(folder, ids, to);
      return null;
    });
  }

  @Override
  public void mark(Owner owner, String folder, List<String> ids, Flag flag, boolean set) {
    Flags flags = new Flags(flag == Flag.SEEN ? Flags.Flag.SEEN : Flags.Flag.FLAGGED);
    inFolders(owner, f -> {
      f.change(folder, ids, (open, messages) -> open.setFlags(messages, flags, set));
      return null;
    });
  }

  @Override
  public void destroy(Owner owner, String folder, List<String> ids) {
    inFolders(owner, f -> {
      f.change(folder, ids, ImapFolders::destroy);
      return null;
    });
  }

  @Override
  public void createFolder(Owner owner, String name) {
    inFolders(owner, f -> {
      f.create(name);
      return null;
    });
  }

  @Override
  public void renameFolder(Owner owner, String name, String newName) {
    inFolders(owner, f -> {
      f.rename(name, newName);
      return null;
    });
  }

  @Override
  public void deleteFolder(Owner owner, String name) {
    inFolders(owner, f -> {
      f.delete(name);
      return null;
    });
  }

  @Override
  public void keepSent(Owner owner, byte[] message) {
    inFolders(owner, f -> {
      f.keepSent(message);
      return null;
    });
  }

  private interface FolderWork<T> {
    T run(ImapFolders folders) throws MessagingException;
  }

  /** Work on the person's folders in one IMAP session; what goes wrong becomes what the person is told. */
  private <T> T inFolders(Owner owner, FolderWork<T> work) {
    try {
      return transport.inStore(imap, login(owner), store -> work.run(ImapFolders.of(store)));
    } catch (TransportException e) {
      throw refusal(e);
    } catch (IOException e) {
      throw refusal(new TransportException(TransportException.Reason.UNREACHABLE, imap + ": " + e.getMessage(), e));
    }
  }

  @Override
  public void deliver(Owner from, List<String> recipients, byte[] message) {
    try {
      transport.submit(smtp, login(from), new Envelope(from.address(), recipients), message);
    } catch (TransportException e) {
      throw refusal(e);
    }
  }

  @Override
  public boolean checksPasswords() {
    return true;
  }

  @Override
  public boolean accepts(Login login) {
    try {
      transport.logIn(imap, login);
      return true;
    } catch (TransportException e) {
      if (e.reason() == TransportException.Reason.LOGIN_REFUSED) {
        return false;
      }
      throw refusal(e);
    }
  }

  /** Gathers into {@code found} the messages {@code wanted}, all of them asked for. */
  private static FetchedMessages into(List<Message> found, BiPredicate<Long, Long> wanted) {
    return new FetchedMessages() {
      @Override
      public boolean wants(long uidValidity, long uid) {
        return wanted.test(uidValidity, uid);
      }

      @Override
      public void accept(long uidValidity, long uid, Instant received, byte[] raw) {
        accept(uidValidity, uid, received, raw, Set.of());
      }

      @Override
      public void accept(long uidValidity, long uid, Instant received, byte[] raw, Set<String> flags) {
        Set<Flag> kept = EnumSet.noneOf(Flag.class);
        if (flags.contains(FetchedMessages.SEEN)) {
          kept.add(Flag.SEEN);
        }
        if (flags.contains(FetchedMessages.FLAGGED)) {
          kept.add(Flag.FLAGGED);
        }
        found.add(new Message(Long.toUnsignedString(uidValidity) + "-" + Long.toUnsignedString(uid), received, raw,
            kept));
      }
    };
  }

  /** An exchange with the IMAP server; what went wrong becomes what the person is told. */
  private int imap(ImapExchange exchange) {
    try {
      return exchange.run();
    } catch (TransportException e) {
      throw refusal(e);
    } catch (IOException e) {
      throw refusal(new TransportException(TransportException.Reason.UNREACHABLE, imap + ": " + e.getMessage(), e));
    }
  }

  private interface ImapExchange {
    int run() throws IOException;
  }

  private static Login login(Owner owner) {
    return owner.login()
        .orElseThrow(() -> new WebRefusal(FailureKind.NOT_AUTHENTICATED, "Please sign in again to open your mailbox."));
  }

  /**
   * What the person is told; the server's own words name the recipient or the mail server's trouble. A URL or
   * trust the organisation set up wrong is, to the person, a mail server that cannot be used now.
   */
  private static WebRefusal refusal(TransportException e) {
    return switch (e.reason()) {
      case LOGIN_REFUSED -> new WebRefusal(e.kind(),
          "The mail server no longer takes your password; please sign in again.", e);
      case REFUSED, TOO_LARGE -> new WebRefusal(e.kind(), "The mail server refused: " + e.getMessage(), e);
      default -> new WebRefusal(FailureKind.PEER_UNAVAILABLE,
          "The organisation's mail server cannot be used now: " + e.getMessage(), e);
    };
  }
}
