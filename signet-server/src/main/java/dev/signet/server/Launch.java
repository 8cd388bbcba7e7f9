package dev.signet.server;

import dev.signet.core.KeyType;
import dev.signet.pki.CertificateAuthority;
import dev.signet.server.acme.AcmeServices;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.part.ServicePart;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** Starts the organisation's service from its {@link ServeSettings}: the one way every launcher runs it. */
public final class Launch {
  /** The CA the demo sets up on its first start. */
  public static final String DEMO_CA = "CN=Example.org CA,O=example.org";

  private Launch() {}

  /**
   * The organisation's service, its CA (set up before, by {@code ca init}) opened with {@code passphrase};
   * the first administrator set up from the settings, or a set-up link made, where it has none.
   */
  public static RunningService organisation(ServeSettings settings, char[] passphrase) {
    ServiceConfig service = settings.service();
    Organisation organisation = Organisation.of(settings.domain(), service.database(), settings.mail(),
        settings.directory(), settings.partnerRoots());
    RunningService running = start(settings, organisation, passphrase, false);
    try {
      return running.withAdministrator(organisation.setUpAdministrator(settings.firstAdministrator()));
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  /**
   * The demo organisation: on its first start its CA ({@link #DEMO_CA}), people and example mail, all
   * with {@code password}; a later start finds them.
   */
  public static RunningService demo(ServeSettings settings, char[] password, String actor) throws IOException {
    ServiceConfig service = settings.service();
    if (!(settings.mail() instanceof OrganisationMail.Embedded mail)
        || !(settings.directory() instanceof OrganisationDirectory.Embedded directory)) {
      throw new IllegalArgumentException("the demo runs its own mail server and directory");
    }
    boolean caSetUp = setUpDemoCa(service, password, actor);
    MailServiceConfig mailConfig = mail.config();
    Organisation organisation = Organisation.demo(service.database(), mailConfig, directory, password);
    return start(settings, organisation, password, caSetUp);
  }

  /** Sets up the demo's CA if its database has none; whether it did. */
  private static boolean setUpDemoCa(ServiceConfig service, char[] password, String actor) throws IOException {
    Files.createDirectories(service.dataFolder());
    try (CertificateAuthority ca = CertificateAuthority.open(service.database())) {
      if (ca.isInitialized()) {
        return false;
      }
      ca.init(DEMO_CA, KeyType.RSA_3072, "http://localhost:" + service.httpPort(), password, actor);
      return true;
    }
  }

  private static RunningService start(ServeSettings settings, Organisation organisation, char[] passphrase,
      boolean demoCaSetUp) {
    boolean acme = settings.servesAcme();
    List<ServicePart> parts = acme
        ? List.of(organisation, new AcmeServices(organisation::challengeMail)) : List.of(organisation);
    Service service = Service.start(settings.service().withParts(parts), passphrase);
    return new RunningService(service, organisation, settings.service().host(), acme, demoCaSetUp, Optional.empty());
  }
}
