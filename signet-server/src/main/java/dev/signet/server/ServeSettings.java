package dev.signet.server;

import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.web.FirstAdministrator;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the organisation's service runs as: its addresses, data and database ({@code service}, whose
 * parts {@link Launch} fills in), its mail domain, where its mail and its directory live, partners' CAs
 * whose people web compose also encrypts to, and the first administrator to set up where there is none.
 * Each part checks itself when made, so a value of this type is one that can be started.
 */
public record ServeSettings(ServiceConfig service, String domain, OrganisationMail mail,
    OrganisationDirectory directory, List<X509Certificate> partnerRoots,
    Optional<FirstAdministrator.Credentials> firstAdministrator) {
  public ServeSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(firstAdministrator, "firstAdministrator");
    partnerRoots = List.copyOf(partnerRoots);
    partnerRoots.forEach(ServeSettings::checkPartnerRoot);
    if (domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("the organisation needs a mail domain");
    }
    firstAdministrator.ifPresent(a -> a.check(domain));
  }

  /** Refuses a partner's root that is not a CA's certificate: an end entity's vouches for no one. */
  public static void checkPartnerRoot(X509Certificate root) {
    if (root.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("not a CA's certificate: " + root.getSubjectX500Principal().getName());
    }
  }

  /** The demo organisation example.org, its mail and its directory embedded. */
  public static ServeSettings demo(ServiceConfig service, MailServiceConfig mail,
      OrganisationDirectory.Embedded directory) {
    return new ServeSettings(service, Demo.DOMAIN, new OrganisationMail.Embedded(mail), directory, List.of(),
        Optional.empty());
  }

  /** Whether the service answers ACME itself: its challenges go out through the embedded mail server. */
  boolean servesAcme() {
    return mail instanceof OrganisationMail.Embedded;
  }
}
