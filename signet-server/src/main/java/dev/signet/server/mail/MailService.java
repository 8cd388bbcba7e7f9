package dev.signet.server.mail;

import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.ServerSetup;
import dev.signet.core.DigitalId;
import dev.signet.server.part.ServiceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jakarta.mail.Flags;
import javax.net.ssl.SSLContext;

/**
 * The organisation's embedded mail server (GreenMail): SMTP submission and IMAP for its people's
 * mailboxes, with the service's certificate: SMTP and IMAP with STARTTLS, which a client on another
 * machine must use before it may log in, and SMTPS and IMAPS (TLS from the first byte, RFC 8314).
 * Sending needs a login and only as oneself; mail goes only to the organisation's mailboxes, and each
 * person sees only their own. Every folder, message and flag is kept in the folder ({@link MaildirStore}):
 * a 250 or an APPEND's OK means the message is on disk, and start-up reads no mail.
 */
public final class MailService implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("[a-z0-9][a-z0-9._%+-]*@[a-z0-9][a-z0-9.-]*");
  private static final long START_MILLIS = 10_000;
  private static final Integer DNS_NAME = 2; // GeneralName tags (RFC 5280 4.2.1.6)
  private static final Integer IP_ADDRESS = 7;
  // How long a client may stay idle: RFC 5321 4.5.3.2.7 asks at least 5 minutes of an SMTP server,
  // RFC 3501 5.4 at least 30 of IMAP's autologout (GreenMail's own 30 seconds drop kept-open connections).
  private static final int SMTP_IDLE_MILLIS = 5 * 60 * 1000;
  private static final int IMAP_IDLE_MILLIS = 30 * 60 * 1000;

  private final MailServiceConfig config;
  private final OrganisationMailboxes mailboxes;
  private final List<AbstractServer> servers;
  private final List<TlsFront> fronts;

  private MailService(MailServiceConfig config, OrganisationMailboxes mailboxes, List<AbstractServer> servers,
      List<TlsFront> fronts) {
    this.config = config;
    this.mailboxes = mailboxes;
    this.servers = servers;
    this.fronts = fronts;
  }

  /** Starts listening; {@code tls} is the certificate (and key) presented for STARTTLS, SMTPS and IMAPS. */
  public static MailService start(MailServiceConfig config, MailLogins logins, DigitalId tls) {
    return start(config, logins, tls, List.of());
  }

  /**
   * As {@link #start(MailServiceConfig, MailLogins, DigitalId)}, with a mailbox open for each of
   * {@code addresses} before it listens, so that none of them is refused meanwhile; opening one reads
   * none of its mail.
   */
  public static MailService start(MailServiceConfig config, MailLogins logins, DigitalId tls, List<String> addresses) {
    OrganisationMailboxes mailboxes = new OrganisationMailboxes(logins, new MaildirStore(config.folder()));
    String loopback = InetAddress.getLoopbackAddress().getHostAddress();
    List<AbstractServer> servers = new ArrayList<>();
    List<TlsFront> fronts = new ArrayList<>();
    MailService service = new MailService(config, mailboxes, servers, fronts);
    try {
      addresses.forEach(service::addMailbox);
      // GreenMail itself listens on loopback ports of its own; the fronts add TLS and face the network.
      String hostName = hostName(tls.certificate());
      AbstractServer smtp = started(new Submission(new ServerSetup(0, loopback, "smtp"), mailboxes, Clock.systemUTC(),
          hostName), SMTP_IDLE_MILLIS);
      servers.add(smtp);
      AbstractServer imap = started(new Imap(new ServerSetup(0, loopback, "imap"), mailboxes, hostName),
          IMAP_IDLE_MILLIS);
      servers.add(imap);
      SSLContext context = ServiceContext.serverTls(tls);
      InetAddress host = config.bindAddress();
      fronts.add(TlsFront.open(context, TlsFront.Mode.STARTTLS_SMTP, host, config.smtpPort(), smtp.getPort(), "signet-smtp"));
      fronts.add(TlsFront.open(context, TlsFront.Mode.IMPLICIT, host, config.smtpsPort(), smtp.getPort(), "signet-smtps"));
      fronts.add(TlsFront.open(context, TlsFront.Mode.STARTTLS_IMAP, host, config.imapPort(), imap.getPort(), "signet-imap"));
      fronts.add(TlsFront.open(context, TlsFront.Mode.IMPLICIT, host, config.imapsPort(), imap.getPort(), "signet-imaps"));
      return service;
    } catch (IOException | RuntimeException e) {
      fronts.forEach(TlsFront::close);
      servers.forEach(AbstractServer::stopService);
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the mail server", io)
          : (RuntimeException) e;
    }
  }

  /** The name the service greets with: its certificate's first DNS name, else its first address. */
  static String hostName(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      List<List<?>> all = names == null ? List.of() : List.copyOf(names);
      return all.stream().filter(n -> DNS_NAME.equals(n.get(0))).findFirst()
          .or(() -> all.stream().filter(n -> IP_ADDRESS.equals(n.get(0))).findFirst())
          .map(n -> n.get(1).toString()).orElse("localhost");
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("the service's certificate names no host", e);
    }
  }

  private static AbstractServer started(AbstractServer server, int idleMillis) {
    server.setClientSocketTimeout(idleMillis);
    server.startService();
    try {
      if (!server.waitTillRunning(START_MILLIS)) {
        throw new IllegalStateException("the " + server.getProtocol() + " server did not start on port "
            + server.getServerSetup().getPort());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the mail server", e);
    }
    return server;
  }

  /**
   * Gives a person a mailbox (nothing happens if they have one), opening what is kept for them in the
   * folder without reading their mail. Their password is checked by the {@link MailLogins} the service
   * started with.
   */
  public synchronized void addMailbox(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    if (!ADDRESS.matcher(a).matches()) {
      throw new IllegalArgumentException("not a mailbox address: " + address);
    }
    if (mailboxes.has(a)) {
      return;
    }
    try {
      // GreenMail wants a password; logins are checked elsewhere, so this one is random and unused.
      byte[] unused = new byte[32];
      new SecureRandom().nextBytes(unused);
      // GreenMail names a person's mailbox root after a 32-bit hash; two people must not share one: the
      // store refuses to open a second mailbox under a name taken (and never deletes one).
      if (mailboxes.getUserManager().listUser().stream()
          .anyMatch(u -> u.getQualifiedMailboxName().equals(String.valueOf(a.hashCode())))) {
        throw new IllegalArgumentException("the mailbox of " + a + " would share its storage with another; choose another address");
      }
      mailboxes.getUserManager().createUser(a, a, HexFormat.of().formatHex(unused)); // opens it in the store
      mailboxes.markReady(a); // only now may SMTP accept mail for them, and they log in to IMAP
    } catch (UserException e) {
      throw new IllegalStateException("cannot make a mailbox for " + a, e);
    }
  }

  /**
   * One message in a folder, as the exact bytes it holds, with its flags; {@code uid} lasts as long as the
   * folder's UIDVALIDITY.
   */
  public record Mail(long uid, Instant received, byte[] raw, boolean seen, boolean flagged) {
    public Mail {
      raw = raw.clone();
    }

    @Override
    public byte[] raw() {
      return raw.clone();
    }
  }

  /** The messages in {@code address}'s INBOX, oldest first. */
  public List<Mail> inbox(String address) {
    MaildirFolder inbox = inboxOf(address);
    List<Mail> mail = new ArrayList<>();
    for (long uid : inbox.getMessageUids()) { // a snapshot: deliveries go on meanwhile
      inbox.raw(uid).map(MailService::mail).ifPresent(mail::add);
    }
    return mail;
  }

  static Mail mail(MaildirFolder.Raw raw) {
    return new Mail(raw.uid(), raw.received(), raw.bytes(), raw.flags().contains(Flags.Flag.SEEN),
        raw.flags().contains(Flags.Flag.FLAGGED));
  }

  /** {@code address}'s folders, as the mail programs they use see them over IMAP. */
  public MailFolders folders(String address) {
    return new MailFolders(mailboxes.getImapHostManager(), user(address));
  }

  /**
   * Puts {@code message} (RFC 5322 bytes, unchanged) into each recipient's INBOX, as the service's
   * own web UI sends; every recipient must have a mailbox here, else nothing is delivered. When this
   * returns, the message is on disk in each.
   */
  public void deliver(List<String> recipients, byte[] message) {
    List<MaildirFolder> inboxes = recipients.stream().map(this::inboxOf).toList();
    Date now = new Date();
    for (MaildirFolder inbox : inboxes) {
      inbox.append(message, new Flags(), now); // written out, not kept: no copy needed
    }
  }

  private GreenMailUser user(String address) {
    GreenMailUser user = mailboxes.getUserManager().getUserByEmail(address.strip().toLowerCase(Locale.ROOT));
    if (user == null) {
      throw new IllegalArgumentException("no mailbox here for " + address);
    }
    return user;
  }

  private MaildirFolder inboxOf(String address) {
    try {
      return (MaildirFolder) mailboxes.getImapHostManager().getInbox(user(address));
    } catch (FolderException e) {
      throw new IllegalStateException("cannot open the INBOX of " + address, e);
    }
  }

  public int smtpPort() {
    return fronts.get(0).port();
  }

  public int smtpsPort() {
    return fronts.get(1).port();
  }

  public int imapPort() {
    return fronts.get(2).port();
  }

  public int imapsPort() {
    return fronts.get(3).port();
  }

  /** Each endpoint's URL, for the service to print on start. */
  public List<String> endpoints() {
    String shown = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
    return List.of("smtp://" + shown + ":" + smtpPort() + " (STARTTLS)", "smtps://" + shown + ":" + smtpsPort(),
        "imap://" + shown + ":" + imapPort() + " (STARTTLS)", "imaps://" + shown + ":" + imapsPort());
  }

  @Override
  public void close() {
    fronts.forEach(TlsFront::close);
    for (int i = servers.size() - 1; i >= 0; i--) {
      servers.get(i).stopService();
    }
  }
}
