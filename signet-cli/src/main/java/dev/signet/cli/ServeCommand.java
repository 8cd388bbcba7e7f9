package dev.signet.cli;

import dev.signet.core.KeyType;
import dev.signet.directory.LdapSettings;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.mail.transport.TransportException;
import dev.signet.pki.CertificateAuthority;
import dev.signet.server.Demo;
import dev.signet.server.KeptSecret;
import dev.signet.server.Organisation;
import dev.signet.server.part.ServicePart;
import dev.signet.server.acme.AcmeServices;
import dev.signet.server.web.FirstAdministrator;
import dev.signet.server.OrganisationDirectory;
import dev.signet.server.OrganisationMail;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailServiceConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
  private static final String DEMO_CA = "CN=Example.org CA,O=example.org";

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

  private Optional<FirstAdministrator.Credentials> firstAdministrator = Optional.empty();
  private boolean servesAcme;

  @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "Address to listen on.")
  String host;

  @Option(names = "--hostname", paramLabel = "NAME", split = ",",
      description = "Names for the TLS certificate (default: localhost,127.0.0.1).")
  List<String> hostNames = List.of("localhost", "127.0.0.1");

  @Override
  int execute() throws Exception {
    for (int port : new int[] {httpPort, httpsPort, smtpPort, smtpsPort, imapPort, imapsPort, ldapPort, ldapsPort}) {
      if (port < 0 || port > 65535) {
        throw new UsageException("not a port: " + port); // before the demo writes anything
      }
    }
    MailServiceConfig mail = new MailServiceConfig(dataFolder().resolve("mail"), host, smtpPort, smtpsPort,
        imapPort, imapsPort);
    OrganisationMail mailChoice = mailChoice(mail);
    OrganisationDirectory directoryChoice = directoryChoice();
    List<X509Certificate> roots = recipientTrust();
    firstAdministrator = demo ? Optional.empty() : administratorFromEnvironment();
    char[] passphrase = demo ? demoPassphrase() : caPassphrase(false);
    try {
      if (!demo) {
        open(false).close();
      }
      Organisation organisation = demo ? Organisation.demo(database(), mail,
          OrganisationDirectory.embedded(ldapPort, ldapsPort), passphrase)
          : Organisation.of(domain, database(), mailChoice, directoryChoice, roots);
      servesAcme = demo || mailChoice instanceof OrganisationMail.Embedded; // challenges go through the embedded mail
      List<ServicePart> parts = servesAcme
          ? List.of(organisation, new AcmeServices(organisation::challengeMail)) : List.of(organisation);
      ServiceConfig config = new ServiceConfig(dataFolder(), database(), host, httpPort, httpsPort, hostNames, parts);
      serve(config, passphrase, organisation);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    return Cli.OK;
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
    try {
      ServerTrust trust = serverTrust.isEmpty() ? ServerTrust.system()
          : ServerTrust.anchoredAt(CommandBase.certificates(serverTrust));
      return OrganisationMail.servers(MailServer.smtp(smtpRelay), MailServer.imap(imapUrl), trust);
    } catch (TransportException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** The --trust-root CA certificates, read before anything is written; the demo trusts only its own CA. */
  private List<X509Certificate> recipientTrust() throws IOException {
    if (demo && !trustRoots.isEmpty()) {
      throw new UsageException("--demo trusts only its own CA: drop --trust-root");
    }
    List<X509Certificate> roots = new ArrayList<>();
    for (Path file : trustRoots) {
      for (X509Certificate c : CommandBase.certificates(List.of(file))) {
        if (c.getBasicConstraints() < 0) {
          throw new UsageException("--trust-root: " + file + " holds a certificate that is not a CA's: "
              + c.getSubjectX500Principal().getName());
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
    LdapSettings settings;
    try {
      settings = LdapSettings.of(new URI(ldapUrl));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new UsageException("--ldap-url: not an LDAP URL: " + ldapUrl, e);
    }
    if (settings.url().getHost() == null) {
      throw new UsageException("--ldap-url: no host in " + ldapUrl);
    }
    if ("ldap".equalsIgnoreCase(settings.url().getScheme()) && !MailServer.loopback(settings.url().getHost())) {
      throw new UsageException("--ldap-url: use ldaps:// for " + settings.url().getHost()
          + ": the bind password would travel in clear");
    }
    return OrganisationDirectory.ldap(settings.withBind(ldapBindDn, password.toCharArray())
        .withTrustAnchors(CommandBase.certificates(serverTrust)));
  }

  private void serve(ServiceConfig config, char[] passphrase, Organisation organisation) {
    CountDownLatch stopped = new CountDownLatch(1);
    boolean interrupted = false;
    try (Service service = Service.start(config, passphrase)) {
      Thread hook = new Thread(stopped::countDown, "signet-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      printEndpoints(service, organisation);
      setUpAdministrator(service, organisation);
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

  private void printEndpoints(Service service, Organisation organisation) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    String https = "https://" + shown + ":" + service.httpsPort();
    String http = "http://" + shown + ":" + service.httpPort();
    List<String> lines = new ArrayList<>(List.of(https + "/web (web UI: sign in here)",
        https + "/.well-known/est (EST enrollment)", http + "/crl/issuing.crl (CRL)", http + "/ocsp (OCSP)"));
    if (servesAcme) {
      lines.add(1, https + AcmeServices.DIRECTORY + " (ACME for S/MIME: email-reply-00 challenges by mail)");
    }
    lines.addAll(organisation.endpoints());
    var err = terminal.err();
    err.println("signet: serving " + (demo ? "the demo organisation " + Demo.DOMAIN : "the organisation " + domain)
        + " from " + dataFolder() + ":");
    lines.forEach(l -> err.println("  " + l));
    organisation.demoOutcome().ifPresent(o -> err.println("signet: " + (o.setUpNow() ? "set up" : "found")
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

  private void setUpAdministrator(Service service, Organisation organisation) {
    if (demo) {
      return;
    }
    FirstAdministrator.Outcome outcome;
    try {
      outcome = organisation.setUpAdministrator(firstAdministrator);
    } catch (IllegalArgumentException e) {
      throw new UsageException("$SIGNET_ADMIN_EMAIL: " + e.getMessage(), e);
    }
    var err = terminal.err();
    if (outcome instanceof FirstAdministrator.Outcome.Created c) {
      err.println("signet: set up the administrator " + c.email() + " from $SIGNET_ADMIN_EMAIL");
    } else if (outcome instanceof FirstAdministrator.Outcome.Link link) {
      err.println("signet: no administrator yet: open https://" + hostNames.get(0) + ":" + service.httpsPort()
          + "/web/setup?token=" + link.token() + " (once, until " + link.expires() + ")");
    } else if (firstAdministrator.isPresent()) {
      err.println("signet: the organisation has an administrator: $SIGNET_ADMIN_EMAIL is not used");
    }
    err.flush();
  }

  /**
   * The demo's one password (the people's, their digital IDs' and the CA's): kept in the data folder,
   * else $SIGNET_DEMO_PASSWORD, else generated and printed. The CA is set up with it if there is none.
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
    try (CertificateAuthority ca = open(true)) {
      if (!ca.isInitialized()) {
        ca.init(DEMO_CA, KeyType.RSA_3072, "http://localhost:" + httpPort, secret.value(), actor());
        terminal.err().println("signet: set up the demo CA " + DEMO_CA);
      }
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
