package dev.signet.cli;

import dev.signet.server.Demo;
import dev.signet.server.KeptSecret;
import dev.signet.server.Launch;
import dev.signet.server.OrganisationDirectory;
import dev.signet.server.OrganisationMail;
import dev.signet.server.RunningService;
import dev.signet.server.ServeSettings;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.web.FirstAdministrator;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the organisation's service until stopped: the web UI and EST over HTTPS, CRLs and OCSP "
        + "over HTTP, the directory (LDAP; or the organisation's own with --ldap-url) and the mail server (SMTP and "
        + "IMAP; or the organisation's own with --smtp-relay and --imap-url). The CA passphrase comes from "
        + "--pass-file, else $SIGNET_CA_PASSWORD, else a prompt; with --demo, see there.")
final class ServeCommand extends CaVerb {
  @Option(names = "--demo", description = "Set up the demo organisation example.org on first start (CA, people "
      + "alice@, bob@ and admin@example.org with digital IDs, example mail); their password and the CA's come from "
      + "$SIGNET_DEMO_PASSWORD, else are generated and printed, and kept in the data folder "
      + "(default for --demo: ~/.signet/demo).")
  boolean demo;

  @Option(names = "--domain", defaultValue = Demo.DOMAIN, paramLabel = "NAME",
      description = "The organisation's mail domain, the directory's base (default example.org).")
  String domain;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "N", description = "HTTP port (default 8080).")
  int httpPort;

  @Option(names = "--https-port", defaultValue = "8443", paramLabel = "N", description = "HTTPS port (default 8443).")
  int httpsPort;

  @Option(names = "--smtp-port", defaultValue = "2525", paramLabel = "N",
      description = "SMTP submission with STARTTLS (default 2525).")
  int smtpPort;

  @Option(names = "--smtps-port", defaultValue = "2465", paramLabel = "N", description = "SMTP over TLS (default 2465).")
  int smtpsPort;

  @Option(names = "--imap-port", defaultValue = "1143", paramLabel = "N", description = "IMAP with STARTTLS (default 1143).")
  int imapPort;

  @Option(names = "--imaps-port", defaultValue = "1993", paramLabel = "N", description = "IMAP over TLS (default 1993).")
  int imapsPort;

  @Option(names = "--ldap-port", defaultValue = "1389", paramLabel = "N",
      description = "The directory's LDAP port, on loopback, with StartTLS (default 1389).")
  int ldapPort;

  @Option(names = "--ldaps-port", defaultValue = "1636", paramLabel = "N",
      description = "The directory's LDAPS port, on loopback (default 1636).")
  int ldapsPort;

  @Option(names = "--smtp-relay", paramLabel = "URL",
      description = "Use the organisation's own SMTP server instead of the embedded mail server: smtps://HOST[:PORT], "
          + "or smtp://HOST[:PORT] with STARTTLS (required off loopback). The web UI sends as each person, logged in "
          + "with their mail password. Needs --imap-url.")
  String smtpRelay;

  @Option(names = "--imap-url", paramLabel = "URL",
      description = "Use the organisation's own IMAP server: imaps://HOST[:PORT][/FOLDER], or imap://... with STARTTLS "
          + "(required off loopback); folder INBOX unless given. It checks each person's web sign-in password (their "
          + "mail password); the web UI reads their mail there. Needs --smtp-relay.")
  String imapUrl;

  @Option(names = "--trust-server", paramLabel = "CA.pem",
      description = "Certificates the TLS certificates of --smtp-relay, --imap-url and --ldap-url must chain to; "
          + "repeat (default: the system's CAs).")
  List<Path> serverTrust = new ArrayList<>();

  @Option(names = "--ldap-url", paramLabel = "URL",
      description = "Publish to and look up in the organisation's own directory instead of the embedded one: "
          + "ldaps://HOST[:PORT]/BASE-DN, or ldap://... on loopback only. Needs --ldap-bind-dn.")
  String ldapUrl;

  @Option(names = "--ldap-bind-dn", paramLabel = "DN",
      description = "Bind to --ldap-url as this DN, with the password in $SIGNET_LDAP_PASSWORD (never on the command "
          + "line); it must be allowed to add and change people's entries.")
  String ldapBindDn;

  @Option(names = "--trust-root", paramLabel = "CA.pem",
      description = "A partner's CA: web compose also encrypts to certificates in the directory that chain to it "
          + "(besides the organisation's own CA); repeat.")
  List<Path> trustRoots = new ArrayList<>();

  @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "Address to listen on.")
  String host;

  @Option(names = "--hostname", paramLabel = "NAME", split = ",",
      description = "Names for the TLS certificate (default: localhost,127.0.0.1).")
  List<String> hostNames = List.of("localhost", "127.0.0.1");

  @Override
  int execute() throws Exception {
    ServeSettings settings = settings(); // checked before the demo writes anything
    char[] passphrase = demo ? demoPassphrase() : caPassphrase(false);
    try {
      if (!demo) {
        open(false).close();
      }
      serve(settings, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    return Cli.OK;
  }

  /** What the options ask to run, each part checked. */
  private ServeSettings settings() throws IOException {
    MailServiceConfig embeddedMail = new MailServiceConfig(dataFolder().resolve("mail"), host, smtpPort, smtpsPort,
        imapPort, imapsPort);
    OrganisationMail mail = mailChoice(embeddedMail);
    OrganisationDirectory directory = directoryChoice();
    List<X509Certificate> roots = partnerRoots();
    ServiceConfig service = new ServiceConfig(dataFolder(), database(), host, httpPort, httpsPort, hostNames, List.of());
    if (demo) {
      return ServeSettings.demo(service, embeddedMail, OrganisationDirectory.embedded(ldapPort, ldapsPort));
    }
    return new ServeSettings(service, domain, mail, directory, roots, administratorFromEnvironment());
  }

  /** The embedded mail server, or with --smtp-relay and --imap-url the organisation's own. */
  private OrganisationMail mailChoice(MailServiceConfig embedded) throws IOException {
    if (smtpRelay == null && imapUrl == null) {
      if (!serverTrust.isEmpty() && ldapUrl == null) {
        throw new UsageException("--trust-server is for --smtp-relay, --imap-url and --ldap-url");
      }
      return OrganisationMail.embedded(embedded);
    }
    if (smtpRelay == null || imapUrl == null) {
      throw new UsageException(
          "give both --smtp-relay and --imap-url: the web UI sends through one and reads the other");
    }
    if (demo) {
      throw new UsageException("--demo runs its own mail server: drop --smtp-relay and --imap-url");
    }
    return OrganisationMail.servers(smtpRelay, imapUrl, CommandBase.certificates(serverTrust));
  }

  /** The --trust-root CA certificates, read before anything is written; the demo trusts only its own CA. */
  private List<X509Certificate> partnerRoots() throws IOException {
    if (demo && !trustRoots.isEmpty()) {
      throw new UsageException("--demo trusts only its own CA: drop --trust-root");
    }
    List<X509Certificate> roots = new ArrayList<>();
    for (Path file : trustRoots) {
      for (X509Certificate c : CommandBase.certificates(List.of(file))) {
        try {
          ServeSettings.checkPartnerRoot(c);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--trust-root: " + file + ": " + e.getMessage(), e);
        }
        roots.add(c);
      }
    }
    return roots;
  }

  /** The embedded directory, or with --ldap-url the organisation's own, bound as --ldap-bind-dn. */
  private OrganisationDirectory directoryChoice() throws IOException {
    if (ldapUrl == null) {
      if (ldapBindDn != null) {
        throw new UsageException("--ldap-bind-dn is for --ldap-url");
      }
      return OrganisationDirectory.embedded(ldapPort, ldapsPort);
    }
    if (demo) {
      throw new UsageException("--demo runs its own directory: drop --ldap-url");
    }
    if (ldapBindDn == null) {
      throw new UsageException(
          "--ldap-url needs --ldap-bind-dn (and $SIGNET_LDAP_PASSWORD): the service publishes there");
    }
    String password = terminal.env().get("SIGNET_LDAP_PASSWORD");
    if (password == null || password.isEmpty()) {
      throw new UsageException("set $SIGNET_LDAP_PASSWORD to the password of " + ldapBindDn);
    }
    try {
      return OrganisationDirectory.ldap(ldapUrl, ldapBindDn, password.toCharArray(),
          CommandBase.certificates(serverTrust));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ldap-url: " + e.getMessage(), e);
    }
  }

  private void serve(ServeSettings settings, char[] passphrase) throws IOException {
    CountDownLatch stopped = new CountDownLatch(1);
    boolean interrupted = false;
    try (RunningService service = demo ? Launch.demo(settings, passphrase, actor())
        : Launch.organisation(settings, passphrase)) {
      Thread hook = new Thread(stopped::countDown, "signet-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      printEndpoints(service);
      service.administrator().ifPresent(a -> printAdministrator(a, service, settings));
      try {
        stopped.await();
      } catch (InterruptedException e) {
        interrupted = true; // restored once the service has stopped: Jetty's stop waits, which an interrupt cuts short
      } finally {
        removeHook(hook);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void printEndpoints(RunningService service) {
    var err = terminal.err();
    if (service.demoCaSetUp()) {
      err.println("signet: set up the demo CA " + Launch.DEMO_CA);
    }
    err.println("signet: serving " + (demo ? "the demo organisation " + Demo.DOMAIN : "the organisation " + domain)
        + " from " + dataFolder() + ":");
    service.endpoints().forEach(l -> err.println("  " + l));
    service.demoOutcome().ifPresent(o -> err.println("signet: " + (o.setUpNow() ? "set up" : "found")
        + " the demo people: " + String.join(", ", o.people().stream().map(p -> p.email()
        + (p.isAdmin() ? " (administrator)" : "")).toList())));
    err.println("signet: stop with Ctrl-C");
    err.flush();
  }

  /**
   * The first administrator from $SIGNET_ADMIN_EMAIL and $SIGNET_ADMIN_PASSWORD, checked before anything
   * starts; without them, a set-up link is printed if the organisation has no administrator.
   */
  private Optional<FirstAdministrator.Credentials> administratorFromEnvironment() {
    String email = terminal.env().get("SIGNET_ADMIN_EMAIL");
    String password = terminal.env().get("SIGNET_ADMIN_PASSWORD");
    if (email == null && password == null) {
      return Optional.empty();
    }
    if (email == null || password == null) {
      throw new UsageException("set both $SIGNET_ADMIN_EMAIL and $SIGNET_ADMIN_PASSWORD, or neither");
    }
    FirstAdministrator.Credentials given = new FirstAdministrator.Credentials(email, password.toCharArray());
    try {
      given.check(domain);
    } catch (IllegalArgumentException e) {
      throw new UsageException("$SIGNET_ADMIN_EMAIL/$SIGNET_ADMIN_PASSWORD: " + e.getMessage(), e);
    }
    return Optional.of(given);
  }

  private void printAdministrator(FirstAdministrator.Outcome outcome, RunningService service, ServeSettings settings) {
    var err = terminal.err();
    if (outcome instanceof FirstAdministrator.Outcome.Created c) {
      err.println("signet: set up the administrator " + c.email() + " from $SIGNET_ADMIN_EMAIL");
    } else if (outcome instanceof FirstAdministrator.Outcome.Link link) {
      err.println("signet: no administrator yet: open https://" + hostNames.get(0) + ":" + service.httpsPort()
          + "/web/setup?token=" + link.token() + " (once, until " + link.expires() + ")");
    } else if (settings.firstAdministrator().isPresent()) {
      err.println("signet: the organisation has an administrator: $SIGNET_ADMIN_EMAIL is not used");
    }
    err.flush();
  }

  /**
   * The demo's one password (the people's, their digital IDs' and the CA's): kept in the data folder,
   * else $SIGNET_DEMO_PASSWORD, else generated and printed.
   */
  private char[] demoPassphrase() throws Exception {
    Path kept = dataFolder().resolve("demo-password");
    Optional<String> given = Optional.ofNullable(terminal.env().get("SIGNET_DEMO_PASSWORD")).filter(g -> !g.isBlank());
    KeptSecret secret = KeptSecret.in(kept, given);
    if (secret.isNew() && given.isEmpty()) {
      terminal.err().println("signet: the demo password (every demo person's, and the CA's) is "
          + new String(secret.value()) + " (kept in " + kept + ")");
    } else if (!secret.isNew() && given.isPresent() && !given.get().equals(new String(secret.value()))) {
      terminal.err().println("signet: using the demo password kept in " + kept + ", not $SIGNET_DEMO_PASSWORD");
    }
    return secret.value();
  }

  @Override
  Path dataFolder() {
    if (demo && data == null && !terminal.env().containsKey("SIGNET_DATA")) {
      return Path.of(System.getProperty("user.home"), ".signet", "demo");
    }
    return super.dataFolder();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the JVM is exiting: the hook has run
    }
  }
}
