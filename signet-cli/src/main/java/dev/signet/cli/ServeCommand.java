package dev.signet.cli;

import dev.signet.core.KeyType;
import dev.signet.pki.CertificateAuthority;
import dev.signet.server.Demo;
import dev.signet.server.KeptSecret;
import dev.signet.server.Organisation;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.server.mail.MailServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the organisation's service until stopped: the web UI and EST over HTTPS, CRLs and OCSP "
        + "over HTTP, the directory (LDAP) and the mail server (SMTP and IMAP). The CA passphrase comes from "
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
      description = "The directory's LDAP port, on loopback (default 1389).")
  int ldapPort;

  @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDR", description = "Address to listen on.")
  String host;

  @Option(names = "--hostname", paramLabel = "NAME", split = ",",
      description = "Names for the TLS certificate (default: localhost,127.0.0.1).")
  List<String> hostNames = List.of("localhost", "127.0.0.1");

  @Override
  int execute() throws Exception {
    for (int port : new int[] {httpPort, httpsPort, smtpPort, smtpsPort, imapPort, imapsPort, ldapPort}) {
      if (port < 0 || port > 65535) {
        throw new UsageException("not a port: " + port); // before the demo writes anything
      }
    }
    MailServiceConfig mail = new MailServiceConfig(dataFolder().resolve("mail"), host, smtpPort, smtpsPort,
        imapPort, imapsPort);
    char[] passphrase = demo ? demoPassphrase() : caPassphrase(false);
    try {
      if (!demo) {
        open(false).close();
      }
      Organisation organisation = demo ? Organisation.demo(database(), mail, ldapPort, passphrase)
          : Organisation.of(domain, database(), mail, ldapPort);
      ServiceConfig config = new ServiceConfig(dataFolder(), database(), host, httpPort, httpsPort, hostNames,
          List.of(organisation));
      serve(config, passphrase, organisation);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    return Cli.OK;
  }

  private void serve(ServiceConfig config, char[] passphrase, Organisation organisation) {
    CountDownLatch stopped = new CountDownLatch(1);
    boolean interrupted = false;
    try (Service service = Service.start(config, passphrase)) {
      Thread hook = new Thread(stopped::countDown, "signet-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      printEndpoints(service, organisation);
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
