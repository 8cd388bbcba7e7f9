package dev.signet.mail.transport;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import dev.signet.core.ErrorLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The front door of mail transport: submits a composed message over SMTP exactly as composed, and
 * fetches messages over IMAP exactly as the server holds them. TLS is verified against a
 * {@link ServerTrust}; a password goes in clear only to this machine's loopback interface, or where
 * the person has said so with {@link #allowingPlaintext()}.
 */
public final class MailTransport {
  /** Larger fetched messages are refused (the size IMAP reports is checked before downloading). */
  public static final long MAX_MESSAGE_BYTES = 64L << 20;

  private final ServerTrust trust;
  private final boolean plaintextAllowed;
  private final Duration timeout;

  private MailTransport(ServerTrust trust, boolean plaintextAllowed, Duration timeout) {
    this.trust = trust;
    this.plaintextAllowed = plaintextAllowed;
    this.timeout = timeout;
  }

  public static MailTransport trusting(ServerTrust trust) {
    return new MailTransport(trust, false, Duration.ofSeconds(30));
  }

  /** Lets a password travel in clear to a server that offers no TLS, on any host. */
  public MailTransport allowingPlaintext() {
    return new MailTransport(trust, true, timeout);
  }

  public MailTransport withTimeout(Duration t) {
    return new MailTransport(trust, plaintextAllowed, t);
  }

  /**
   * Sends {@code message} byte for byte: no header is added or regenerated, so signatures hold. The
   * envelope names every recipient, blind copies included.
   */
  public void submit(MailServer smtp, Login login, Envelope envelope, byte[] message) throws TransportException {
    try (Connection connection = connect(smtp, login, envelope.from())) {
      connection.submit(envelope, message);
    }
  }

  /**
   * Logs in to an SMTP server for many submissions from {@code from}: one TLS handshake and one login
   * for all of them, as a mail program keeps its connection.
   */
  public Connection connect(MailServer smtp, Login login, String from) throws TransportException {
    if (!smtp.protocol().submission()) {
      throw new IllegalArgumentException("not an SMTP server: " + smtp);
    }
    Properties props = properties(smtp);
    String p = "mail." + smtp.protocol().scheme();
    props.put(p + ".auth", "true");
    props.put(p + ".from", from);
    Session session = Session.getInstance(props);
    try {
      Transport transport = session.getTransport(smtp.protocol().scheme());
      transport.connect(smtp.host(), smtp.port(), login.user(), login.password());
      return new Connection(smtp, login, from, session, transport);
    } catch (MessagingException e) {
      throw failure(smtp, login, e);
    }
  }

  /** A logged-in SMTP connection; not for use by several threads at once. */
  public static final class Connection implements AutoCloseable {
    private final MailServer smtp;
    private final Login login;
    private final String from;
    private final Session session;
    private final Transport transport;

    private Connection(MailServer smtp, Login login, String from, Session session, Transport transport) {
      this.smtp = smtp;
      this.login = login;
      this.from = from;
      this.session = session;
      this.transport = transport;
    }

    /** As {@link MailTransport#submit}, over this connection; the envelope must be from its sender. */
    public void submit(Envelope envelope, byte[] message) throws TransportException {
      if (!envelope.from().equals(from)) {
        throw new IllegalArgumentException("this connection sends from " + from + ", not " + envelope.from());
      }
      try {
        transport.sendMessage(new MimeMessage(session, new ByteArrayInputStream(message)), addresses(envelope));
      } catch (MessagingException e) {
        throw failure(smtp, login, e);
      }
    }

    @Override
    public void close() throws TransportException {
      try {
        transport.close();
      } catch (MessagingException e) {
        throw failure(smtp, login, e);
      }
    }
  }

  /**
   * Logs in to an IMAP server and out again: returns when the server accepts {@code login}, else
   * throws with {@link TransportException.Reason#LOGIN_REFUSED} (or why it could not ask).
   */
  public void logIn(MailServer imap, Login login) throws TransportException {
    if (imap.protocol().submission()) {
      throw new IllegalArgumentException("not an IMAP server: " + imap);
    }
    try (Store store = Session.getInstance(properties(imap)).getStore(imap.protocol().scheme())) {
      store.connect(imap.host(), imap.port(), login.user(), login.password());
    } catch (MessagingException e) {
      throw failure(imap, login, e);
    }
  }

  /**
   * Fetches the folder's messages, in UID order, each written to bytes as the server holds it (never
   * rebuilt from parsed parts). Opens the folder read-only and peeks, so no flag changes.
   *
   * @return how many messages were passed to {@code sink}
   */
  public int fetch(MailServer imap, Login login, FetchedMessages sink) throws IOException {
    return inFolder(imap, login, imap.folder(), folder -> {
      long newerThan = sink.newerThan(((UIDFolder) folder).getUIDValidity());
      return fetchEach(imap, folder, newerThan > 0 ? ((UIDFolder) folder).getMessagesByUID(newerThan + 1,
          UIDFolder.MAXUID) : folder.getMessages(), sink);
    });
  }

  /**
   * Fetches a page of the folder from its newest end: the {@code limit} messages after the {@code skip}
   * newest, passed to {@code sink} oldest first, as {@link #fetch} does; only those are downloaded.
   *
   * @return how many messages the folder holds
   */
  public int fetchNewest(MailServer imap, Login login, int skip, int limit, FetchedMessages sink) throws IOException {
    return fetchNewest(imap, login, imap.folder(), skip, limit, sink);
  }

  /** As {@link #fetchNewest(MailServer, Login, int, int, FetchedMessages)}, from the folder {@code folderName}. */
  public int fetchNewest(MailServer imap, Login login, String folderName, int skip, int limit, FetchedMessages sink)
      throws IOException {
    if (skip < 0 || limit < 1) {
      throw new IllegalArgumentException("skip at least 0 and fetch at least 1, not " + skip + " and " + limit);
    }
    return inFolder(imap, login, folderName, folder -> {
      int total = folder.getMessageCount();
      int last = total - skip; // message sequence numbers count from 1, oldest first
      if (last >= 1) {
        fetchEach(imap, folder, folder.getMessages(Math.max(1, last - limit + 1), last), sink);
      }
      return total;
    });
  }

  /** What to do with an open folder (an IMAP folder, so it has UIDs). */
  private interface FolderWork {
    int run(Folder folder) throws MessagingException, IOException;
  }

  /**
   * Fetches the messages with {@code uids} of the folder {@code folderName}, as {@link #fetch} does.
   *
   * @return how many messages were passed to {@code sink}
   */
  public int fetchByUid(MailServer imap, Login login, String folderName, long[] uids, FetchedMessages sink)
      throws IOException {
    return inFolder(imap, login, folderName, folder -> fetchEach(imap, folder,
        Arrays.stream(((UIDFolder) folder).getMessagesByUID(uids)).filter(Objects::nonNull)
            .toArray(Message[]::new), sink));
  }

  private int inFolder(MailServer imap, Login login, String folderName, FolderWork work) throws IOException {
    return inStore(imap, login, store -> {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) {
        throw new TransportException(TransportException.Reason.REFUSED, imap + ": no folder " + folderName);
      }
      folder.open(Folder.READ_ONLY);
      try {
        return work.run(folder);
      } finally {
        folder.close(false);
      }
    });
  }

  /** What to do with an IMAP store once logged in: its folders, moves and flags. */
  public interface StoreWork<T> {
    T run(Store store) throws MessagingException, IOException;
  }

  /**
   * Logs in to the IMAP server as {@code login}, does {@code work} and logs out; messages read are
   * peeked, so their \Seen flag stays as it was.
   */
  public <T> T inStore(MailServer imap, Login login, StoreWork<T> work) throws IOException {
    if (imap.protocol().submission()) {
      throw new IllegalArgumentException("not an IMAP server: " + imap);
    }
    Properties props = properties(imap);
    props.put("mail." + imap.protocol().scheme() + ".peek", "true");
    Session session = Session.getInstance(props);
    try (Store store = session.getStore(imap.protocol().scheme())) {
      store.connect(imap.host(), imap.port(), login.user(), login.password());
      return work.run(store);
    } catch (MessagingException e) {
      throw failure(imap, login, e);
    }
  }

  private static int fetchEach(MailServer imap, Folder folder, Message[] messages, FetchedMessages sink)
      throws MessagingException, IOException {
    UIDFolder uids = (UIDFolder) folder;
    long validity = uids.getUIDValidity();
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.SIZE);
    profile.add(FetchProfile.Item.FLAGS);
    folder.fetch(messages, profile);
    int count = 0;
    for (Message m : messages) {
      long uid = uids.getUID(m);
      if (!sink.wants(validity, uid)) {
        continue;
      }
      if (m.getSize() > MAX_MESSAGE_BYTES) {
        throw new TransportException(TransportException.Reason.TOO_LARGE, imap + ": message " + uid + " has "
            + m.getSize() + " bytes, more than the limit of " + MAX_MESSAGE_BYTES);
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(m.getSize(), 1024));
      m.writeTo(raw); // the exact bytes of BODY[]: parsing and rewriting parts would break signatures
      Date received = m.getReceivedDate(); // IMAP always sends INTERNALDATE; a server that did not shows the epoch
      sink.accept(validity, uid, received == null ? Instant.EPOCH : received.toInstant(), raw.toByteArray(),
          flagNames(m.getFlags()));
      count++;
    }
    return count;
  }

  private static Set<String> flagNames(Flags flags) {
    Set<String> names = new HashSet<>();
    if (flags.contains(Flags.Flag.SEEN)) {
      names.add(FetchedMessages.SEEN);
    }
    if (flags.contains(Flags.Flag.FLAGGED)) {
      names.add(FetchedMessages.FLAGGED);
    }
    return names;
  }

  private Properties properties(MailServer server) {
    String p = "mail." + server.protocol().scheme();
    Properties props = new Properties();
    props.put(p + ".ssl.socketFactory", trust.socketFactory());
    props.put(p + ".ssl.checkserveridentity", "true");
    props.put(p + ".ssl.protocols", "TLSv1.3 TLSv1.2");
    if (!server.protocol().implicitTls()) {
      props.put(p + ".starttls.enable", "true");
      props.put(p + ".starttls.required", Boolean.toString(!plaintextAllowed && !server.loopback()));
    }
    String millis = Long.toString(timeout.toMillis());
    props.put(p + ".connectiontimeout", millis);
    props.put(p + ".timeout", millis);
    props.put(p + ".writetimeout", millis);
    return props;
  }

  private static InternetAddress[] addresses(Envelope envelope) throws TransportException {
    InternetAddress[] to = new InternetAddress[envelope.recipients().size()];
    for (int i = 0; i < to.length; i++) {
      try {
        to[i] = new InternetAddress(envelope.recipients().get(i), true);
      } catch (AddressException e) {
        throw new TransportException(TransportException.Reason.REFUSED,
            "not an address: " + envelope.recipients().get(i), e);
      }
    }
    return to;
  }

  /** One clear reason for what went wrong; Angus's own messages name the SMTP/IMAP details. */
  private static TransportException failure(MailServer server, Login login, MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new TransportException(TransportException.Reason.LOGIN_REFUSED,
          server + " refused the login of " + login.user() + " (wrong user name or password?)", e);
    }
    if (e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
      return new TransportException(TransportException.Reason.REFUSED, server + " refused the recipients "
          + Arrays.stream(s.getInvalidAddresses()).map(Object::toString).collect(Collectors.joining(", "))
          + ": " + String.valueOf(ErrorLine.innermost(e).getMessage()).strip(), e);
    }
    Throwable root = ErrorLine.innermost(e);
    String text = String.valueOf(e.getMessage());
    if (text.contains("STARTTLS is required") || text.contains("STARTTLS required")) { // Angus's SMTP, IMAP words
      return new TransportException(TransportException.Reason.PLAINTEXT_REFUSED, server
          + " offers no STARTTLS: refusing to send the password in clear (use " + server.protocol().scheme()
          + "s://, or --allow-plaintext if you accept that risk)", e);
    }
    if (hasCause(e, CertificateException.class) || hasCause(e, SSLException.class)) {
      return new TransportException(TransportException.Reason.UNTRUSTED_SERVER, server
          + ": the server's TLS certificate is not trusted (" + root.getMessage() + "); give its CA with --trust-server", e);
    }
    if (hasCause(e, java.net.ConnectException.class) || hasCause(e, java.net.UnknownHostException.class)
        || hasCause(e, java.net.SocketTimeoutException.class)) {
      return new TransportException(TransportException.Reason.UNREACHABLE, server + ": cannot connect ("
          + root.getMessage() + ")", e);
    }
    return new TransportException(TransportException.Reason.REFUSED, server + ": " + text.strip(), e);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> kind) {
    return ErrorLine.causes(t).stream().anyMatch(kind::isInstance);
  }
}
