package dev.signet.server.web;

import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.TransportException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
    List<Message> newestFirst = read(owner, 0, (validity, uid) -> true);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public Page page(Owner owner, int skip, int limit) {
    List<Message> found = new ArrayList<>();
    int total = imap(() -> transport.fetchNewest(imap, login(owner), skip, limit, into(found, (validity, uid) -> true,
        0)));
    Collections.reverse(found);
    return new Page(found, total);
  }

  @Override
  public Optional<Message> fetch(Owner owner, String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    long validity = Long.parseUnsignedLong(m.group(1));
    long uid = Long.parseUnsignedLong(m.group(2));
    return read(owner, uid - 1, (v, u) -> v == validity && u == uid).stream().findFirst();
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

  /** The messages {@code wanted}, asking the server only about those with a UID above {@code newerThan}. */
  private List<Message> read(Owner owner, long newerThan, BiPredicate<Long, Long> wanted) {
    List<Message> found = new ArrayList<>();
    imap(() -> transport.fetch(imap, login(owner), into(found, wanted, newerThan)));
    return found;
  }

  private static FetchedMessages into(List<Message> found, BiPredicate<Long, Long> wanted, long newerThan) {
    return new FetchedMessages() {
      @Override
      public boolean wants(long uidValidity, long uid) {
        return wanted.test(uidValidity, uid);
      }

      @Override
      public long newerThan(long uidValidity) {
        return newerThan;
      }

      @Override
      public void accept(long uidValidity, long uid, Instant received, byte[] raw) {
        found.add(new Message(Long.toUnsignedString(uidValidity) + "-" + Long.toUnsignedString(uid), received, raw));
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
    return owner.login().orElseThrow(() -> new WebRefusal(401, "Please sign in again to open your mailbox."));
  }

  /** What the person is told; the server's own words name the recipient or the mail server's trouble. */
  private static WebRefusal refusal(TransportException e) {
    return switch (e.reason()) {
      case LOGIN_REFUSED -> new WebRefusal(401, "The mail server no longer takes your password; please sign in again.");
      case REFUSED, TOO_LARGE -> new WebRefusal(400, "The mail server refused: " + e.getMessage());
      default -> new WebRefusal(503, "The organisation's mail server cannot be used now: " + e.getMessage());
    };
  }
}
