package dev.signet.server;

import dev.signet.directory.EmbeddedDirectory;
import dev.signet.core.PolicySetting;
import dev.signet.directory.EmbeddedSettings;
import dev.signet.directory.Publication;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.IssuedCertificate;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.web.Accounts;
import dev.signet.server.web.Mailboxes;
import dev.signet.server.web.WebUi;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The organisation's own services besides the CA's: the web UI, the embedded mail server (one mail
 * store: the web UI reads and sends through it, and a person's web password is their mail password)
 * and the embedded directory. With a demo password, the first start also sets up {@link Demo}.
 */
public final class Organisation implements ServicePart {
  private final String domain;
  private final MailServiceConfig mailConfig;
  private final int ldapPort;
  private final Optional<char[]> demoPassword;
  private final WebUi web;
  private final LateMailboxes mailboxes;
  private MailService mail;
  private EmbeddedDirectory directory;
  private Optional<Demo.Outcome> demo = Optional.empty();

  private Organisation(String domain, CaDatabase database, MailServiceConfig mailConfig, int ldapPort,
      Optional<char[]> demoPassword) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.mailConfig = mailConfig;
    this.ldapPort = ldapPort;
    this.demoPassword = demoPassword.map(char[]::clone);
    this.mailboxes = new LateMailboxes();
    this.web = WebUi.over(database, mailboxes);
  }

  /**
   * The organisation {@code domain}, its web UI over {@code database} (the CA's), its mail kept in
   * {@code mailConfig.folder()}, its directory on {@code ldapPort} (loopback; 0 picks a free port).
   */
  public static Organisation of(String domain, CaDatabase database, MailServiceConfig mailConfig, int ldapPort) {
    return new Organisation(domain, database, mailConfig, ldapPort, Optional.empty());
  }

  /** As {@link #of}, and on first start the demo's people and mail, all with {@code password}. */
  public static Organisation demo(CaDatabase database, MailServiceConfig mailConfig, int ldapPort, char[] password) {
    return new Organisation(Demo.DOMAIN, database, mailConfig, ldapPort, Optional.of(password));
  }

  @Override
  public void configure(JavalinConfig config, ServiceContext context) {
    try {
      KeptSecret admin = KeptSecret.in(context.dataFolder().resolve("gal-admin.secret"), Optional.empty());
      directory = EmbeddedDirectory.start(EmbeddedSettings.forDomain(context.dataFolder().resolve("gal"), domain,
          admin.value()).withPort(ldapPort));
      Accounts accounts = web.accounts();
      mail = MailService.start(mailConfig, accounts::passwordMatches, context.tls());
      accounts.list().forEach(p -> mail.addMailbox(p.email()));
      mailboxes.connect(new OrganisationMailboxes(mail, accounts));
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

  @Override
  public void started(ServiceContext context) {
    web.started(context);
    if (demoPassword.isPresent()) {
      demo = Optional.of(Demo.setUp(context, web, mail, directory, demoPassword.get()));
    }
  }

  /**
   * Publishes a certificate the CA has just issued on its owner's directory entry, beside their other
   * certificates that are still valid, unless PublishToGALDisabled is 1.
   */
  private void publish(IssuedCertificate issued) {
    if (web.policy().effective(PolicySetting.PUBLISH_TO_GAL_DISABLED) == 1) {
      return;
    }
    Instant now = Instant.now();
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

  /** Each endpoint this part listens on, as URLs to print. */
  public List<String> endpoints() {
    List<String> all = new ArrayList<>(mail.endpoints());
    all.add(directory.url().toString() + " (directory, anonymous read)");
    return all;
  }

  /** What the demo set-up did on this start, when this is the demo. */
  public Optional<Demo.Outcome> demoOutcome() {
    return demo;
  }

  public int ldapPort() {
    return directory.port();
  }

  public int smtpsPort() {
    return mail.smtpsPort();
  }

  public int imapsPort() {
    return mail.imapsPort();
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
    public List<Message> list(String address) {
      return target().list(address);
    }

    @Override
    public Optional<Message> fetch(String address, String id) {
      return target().fetch(address, id);
    }

    @Override
    public void deliver(String from, List<String> recipients, byte[] message) {
      target().deliver(from, recipients, message);
    }
  }
}
