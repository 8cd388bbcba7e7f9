package dev.signet.server;

import dev.signet.core.PolicySetting;
import dev.signet.directory.Directory;
import dev.signet.directory.EmbeddedDirectory;
import dev.signet.directory.EmbeddedSettings;
import dev.signet.directory.Publication;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import dev.signet.server.acme.ChallengeMail;
import dev.signet.server.acme.EmbeddedChallengeMail;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.part.ServicePart;
import dev.signet.server.web.Accounts;
import dev.signet.server.web.FirstAdministrator;
import dev.signet.server.web.Mailboxes;
import dev.signet.server.web.WebUi;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organisation's own services besides the CA's: the web UI, its mail and its directory. Mail is
 * the embedded mail server (one mail store: the web UI reads and sends through it, and a person's web
 * password is their mail password) or the organisation's own SMTP and IMAP servers; the directory is
 * the embedded one or the organisation's LDAP server ({@link OrganisationMail}, {@link
 * OrganisationDirectory}). With a demo password, the first start also sets up {@link Demo}.
 */
public final class Organisation implements ServicePart {
  private static final Logger LOG = LoggerFactory.getLogger(Organisation.class);
  private final String domain;
  private final OrganisationMail mailChoice;
  private final OrganisationDirectory directoryChoice;
  private final Optional<char[]> demoPassword;
  private final WebUi web;
  private final LateMailboxes mailboxes;
  private final Clock clock = Clock.systemUTC(); // whether a certificate is still valid to publish
  private MailService mail; // the embedded mail server, when it is the choice
  private ChallengeMail challengeMail; // ACME's challenges through it
  private EmbeddedDirectory embeddedDirectory; // the embedded directory, when it is the choice
  private Directory directory;
  private Optional<Demo.Outcome> demo = Optional.empty();

  private Organisation(String domain, CaDatabase database, OrganisationMail mailChoice,
      OrganisationDirectory directoryChoice, Optional<char[]> demoPassword, List<X509Certificate> trustRoots) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.mailChoice = Objects.requireNonNull(mailChoice, "mailChoice");
    this.directoryChoice = Objects.requireNonNull(directoryChoice, "directoryChoice");
    this.demoPassword = demoPassword.map(char[]::clone);
    this.mailboxes = new LateMailboxes();
    if (mailChoice instanceof OrganisationMail.Servers s) {
      mailboxes.connect(Mailboxes.atMailServers(MailTransport.trusting(s.trust()), s.smtp(), s.imap()));
    }
    this.web = WebUi.over(database, mailboxes).withDirectory(this::directory, trustRoots);
  }

  /**
   * The organisation {@code domain}, its web UI over {@code database} (the CA's), with the mail and the
   * directory chosen; web compose also encrypts to certificates in the directory that chain to one of
   * {@code trustRoots} (partners' CAs) as well as to those of its own CA.
   */
  public static Organisation of(String domain, CaDatabase database, OrganisationMail mail,
      OrganisationDirectory directory, List<X509Certificate> trustRoots) {
    return new Organisation(domain, database, mail, directory, Optional.empty(), trustRoots);
  }

  /**
   * The demo, embedded all through, its directory on the ports {@code directory} names; on first start
   * the demo's people and mail, all with {@code password}.
   */
  public static Organisation demo(CaDatabase database, MailServiceConfig mailConfig,
      OrganisationDirectory.Embedded directory, char[] password) {
    return new Organisation(Demo.DOMAIN, database, OrganisationMail.embedded(mailConfig), directory,
        Optional.of(password), List.of());
  }

  @Override
  public void configure(JavalinConfig config, ServiceContext context) {
    try {
      directory = startDirectory(context);
      if (mailChoice instanceof OrganisationMail.Embedded embedded) {
        Accounts accounts = web.accounts();
        // Everyone's mailbox is open before the mail server listens, so none is refused meanwhile.
        mail = MailService.start(embedded.config(), accounts::passwordMatches, context.tls(),
            accounts.list().stream().map(Accounts.Person::email).toList());
        challengeMail = new EmbeddedChallengeMail(mail, "acme-challenge@" + domain);
        mailboxes.connect(new OrganisationMailboxes(mail, accounts));
      }
      context.issuer().onIssued(this::publish);
      web.configure(config, context);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the directory", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private Directory startDirectory(ServiceContext context) throws IOException {
    if (directoryChoice instanceof OrganisationDirectory.Ldap ldap) {
      return Directory.connect(ldap.settings());
    }
    KeptSecret admin = KeptSecret.in(context.dataFolder().resolve("gal-admin.secret"), Optional.empty());
    OrganisationDirectory.Embedded ports = (OrganisationDirectory.Embedded) directoryChoice;
    embeddedDirectory = EmbeddedDirectory.start(EmbeddedSettings.forDomain(context.dataFolder().resolve("gal"), domain,
        admin.value()).withPort(ports.port()).withTls(context.serverTls(), ports.ldapsPort()));
    return embeddedDirectory;
  }

  @Override
  public void started(ServiceContext context) {
    web.started(context);
    publishMissed(context.authority());
    if (demoPassword.isPresent()) {
      demo = Optional.of(Demo.setUp(context, web, mail, embeddedDirectory, demoPassword.get()));
    }
  }

  /**
   * Publishes a certificate the CA has just issued on its owner's directory entry, beside their other
   * certificates that are still valid, unless PublishToGALDisabled is 1.
   */
  private synchronized void publish(IssuedCertificate issued) {
    if (web.policy().effective(PolicySetting.PUBLISH_TO_GAL_DISABLED) == 1) {
      return;
    }
    Instant now = clock.instant();
    try {
      List<X509Certificate> current = new ArrayList<>();
      directory.find(issued.email()).forEach(l -> l.certificates().stream()
          .filter(c -> c.getNotAfter().toInstant().isAfter(now) && !c.equals(issued.certificate()))
          .forEach(current::add));
      current.add(issued.certificate());
      String name = web.accounts().find(issued.email()).map(Accounts.Person::name).orElse(issued.email());
      directory.publish(new Publication(issued.email(), name, current, new byte[0]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + issued.serial() + " in the directory", e);
    }
  }

  /**
   * Publishes what a crash between issuance and publication, or a directory that refused, left out:
   * every valid, unrevoked certificate the CA issued that is not on its owner's entry.
   */
  private void publishMissed(CertificateAuthority authority) {
    Instant now = clock.instant();
    for (IssuedCertificate issued : authority.list()) {
      if (issued.isRevoked() || !issued.notAfter().isAfter(now)) {
        continue;
      }
      try {
        if (directory.find(issued.email()).stream().noneMatch(l -> l.certificates().contains(issued.certificate()))) {
          publish(issued);
        }
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("cannot publish {} in the directory: {}", issued.serial(), e.getMessage());
      }
    }
  }

  /** Each endpoint this part listens on, as URLs to print. */
  public List<String> endpoints() {
    List<String> all = new ArrayList<>();
    if (mailChoice instanceof OrganisationMail.Servers s) {
      all.add(s.smtp() + " (the organisation's SMTP server: the web UI sends through it)");
      all.add(s.imap() + " (the organisation's IMAP server: the web UI reads and signs in through it)");
    } else {
      all.addAll(mail.endpoints());
    }
    if (directoryChoice instanceof OrganisationDirectory.Ldap ldap) {
      all.add(ldap.settings().url() + " (the organisation's directory: certificates are published there)");
    } else {
      all.add(embeddedDirectory.url().toString() + " (directory, anonymous read; StartTLS)");
      embeddedDirectory.ldapsUrl().ifPresent(u -> all.add(u + " (directory over TLS)"));
    }
    return all;
  }

  /**
   * When the organisation has no administrator yet: makes one from {@code given}, or else a single-use
   * set-up link for the service to print. Once started.
   */
  public FirstAdministrator.Outcome setUpAdministrator(Optional<FirstAdministrator.Credentials> given) {
    return web.firstAdministrator().begin(domain, given);
  }

  /** What the demo set-up did on this start, when this is the demo. */
  public Optional<Demo.Outcome> demoOutcome() {
    return demo;
  }

  /** ACME's challenge mail (RFC 8823) through the embedded mail server, once started. */
  public ChallengeMail challengeMail() {
    return embedded(challengeMail, "mail server");
  }

  /** The port of the embedded directory, when it is the choice. */
  public int ldapPort() {
    return embedded(embeddedDirectory, "directory").port();
  }

  /** The LDAPS port of the embedded directory, when it is the choice. */
  public int ldapsPort() {
    return embedded(embeddedDirectory, "directory").ldapsPort().orElseThrow();
  }

  /** The embedded mail server's SMTPS port, when it is the choice. */
  public int smtpsPort() {
    return embedded(mail, "mail server").smtpsPort();
  }

  /** The embedded mail server's IMAPS port, when it is the choice. */
  public int imapsPort() {
    return embedded(mail, "mail server").imapsPort();
  }

  /** The directory the organisation publishes to and looks up in, whichever it is. */
  public Directory directory() {
    if (directory == null) {
      throw new IllegalStateException("the organisation has not started yet");
    }
    return directory;
  }

  private static <T> T embedded(T part, String what) {
    if (part == null) {
      throw new IllegalStateException("no embedded " + what + " runs: the organisation uses its own, or has not started");
    }
    return part;
  }

  @Override
  public void close() {
    try {
      web.close();
    } finally {
      try {
        if (mail != null) {
          mail.close();
        }
      } finally {
        if (directory != null) {
          directory.close();
        }
      }
    }
  }

  /** The web UI is made before the mail server starts; its mailboxes are connected once it has. */
  private static final class LateMailboxes implements Mailboxes {
    private volatile Mailboxes connected;

    void connect(Mailboxes m) {
      connected = m;
    }

    private Mailboxes target() {
      if (connected == null) {
        throw new IllegalStateException("the mail server has not started yet");
      }
      return connected;
    }

    @Override
    public List<Message> list(Owner owner) {
      return target().list(owner);
    }

    @Override
    public Page page(Owner owner, String folder, int skip, int limit) {
      return target().page(owner, folder, skip, limit);
    }

    @Override
    public Optional<Message> fetch(Owner owner, String folder, String id) {
      return target().fetch(owner, folder, id);
    }

    @Override
    public List<Folder> folders(Owner owner) {
      return target().folders(owner);
    }

    @Override
    public void move(Owner owner, String folder, List<String> ids, String to) {
      target().move(owner, folder, ids, to);
    }

    @Override
    public void mark(Owner owner, String folder, List<String> ids, Flag flag, boolean set) {
      target().mark(owner, folder, ids, flag, set);
    }

    @Override
    public void destroy(Owner owner, String folder, List<String> ids) {
      target().destroy(owner, folder, ids);
    }

    @Override
    public void createFolder(Owner owner, String name) {
      target().createFolder(owner, name);
    }

    @Override
    public void renameFolder(Owner owner, String name, String newName) {
      target().renameFolder(owner, name, newName);
    }

    @Override
    public void deleteFolder(Owner owner, String name) {
      target().deleteFolder(owner, name);
    }

    @Override
    public void keepSent(Owner owner, byte[] message) {
      target().keepSent(owner, message);
    }

    @Override
    public void deliver(Owner from, List<String> recipients, byte[] message) {
      target().deliver(from, recipients, message);
    }

    @Override
    public boolean checksPasswords() {
      return target().checksPasswords();
    }

    @Override
    public boolean accepts(Login login) {
      return target().accepts(login);
    }
  }
}
