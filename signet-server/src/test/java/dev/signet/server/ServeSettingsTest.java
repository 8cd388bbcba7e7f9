package dev.signet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.server.mail.MailServiceConfig;
import dev.signet.server.web.FirstAdministrator;
import dev.signet.testkit.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What `serve` may be asked to run: each setting is checked when made, before anything is written. */
class ServeSettingsTest {
  private static final Path DATA = Path.of("data");
  private static final ServiceConfig SERVICE = ServiceConfig.defaults(DATA);
  private static final OrganisationMail EMBEDDED_MAIL = OrganisationMail.embedded(MailServiceConfig.defaults(DATA));
  private static final OrganisationDirectory EMBEDDED_DIRECTORY = OrganisationDirectory.embedded(1389, 1636);

  @Test
  void anLdapUrlWithoutTlsIsRefusedOffLoopback() {
    assertThatThrownBy(() -> OrganisationDirectory.ldap("ldap://ldap.example.org/dc=example,dc=org",
        "cn=signet,dc=example,dc=org", "secret".toCharArray(), List.of()))
        .hasMessage("use ldaps:// for ldap.example.org: the bind password would travel in clear");
  }

  @Test
  void anLdapUrlWithoutTlsIsTakenOnLoopback() {
    assertThat(OrganisationDirectory.ldap("ldap://127.0.0.1:389/dc=example,dc=org", "cn=signet,dc=example,dc=org",
        "secret".toCharArray(), List.of())).isInstanceOf(OrganisationDirectory.Ldap.class);
  }

  @Test
  void anLdapUrlWithoutAHostIsRefused() {
    assertThatThrownBy(() -> OrganisationDirectory.ldap("ldaps:///dc=example,dc=org", "cn=signet", "s".toCharArray(),
        List.of())).hasMessage("no host in ldaps:///dc=example,dc=org");
  }

  @Test
  void aMailUrlOfTheWrongKindIsRefused() {
    assertThatThrownBy(() -> OrganisationMail.servers("imaps://mail.example.org", "imaps://mail.example.org",
        List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("imaps://mail.example.org");
  }

  @Test
  void mailUrlsNameTheOrganisationsServers() {
    OrganisationMail mail = OrganisationMail.servers("smtp://mail.example.org", "imaps://mail.example.org/INBOX",
        List.of());

    assertThat(mail).isInstanceOfSatisfying(OrganisationMail.Servers.class, s -> {
      assertThat(s.smtp().protocol().submission()).isTrue();
      assertThat(s.imap().protocol().submission()).isFalse();
    });
  }

  @Test
  void aPartnersRootMustBeACasCertificate() {
    var person = TestPki.get().identity(TestPki.KeyKind.RSA_2048).certificate();

    assertThatThrownBy(() -> settings(List.of(person), Optional.empty()))
        .hasMessageStartingWith("not a CA's certificate: ");
  }

  @Test
  void aPartnersCaIsTrusted() {
    assertThat(settings(List.of(TestPki.get().root()), Optional.empty()).partnerRoots())
        .containsExactly(TestPki.get().root());
  }

  @Test
  void theFirstAdministratorMustBeOfTheOrganisationsDomain() {
    var outsider = new FirstAdministrator.Credentials("root@elsewhere.example", "long enough".toCharArray());

    assertThatThrownBy(() -> settings(List.of(), Optional.of(outsider)))
        .hasMessage("the administrator's address must be in example.org, not root@elsewhere.example");
  }

  @Test
  void theDemoIsExampleOrgWithEverythingEmbedded() {
    ServeSettings demo = ServeSettings.demo(SERVICE, MailServiceConfig.defaults(DATA),
        OrganisationDirectory.embedded(1389, 1636));

    assertThat(demo.domain()).isEqualTo(Demo.DOMAIN);
    assertThat(demo.mail()).isInstanceOf(OrganisationMail.Embedded.class);
    assertThat(demo.servesAcme()).isTrue();
    assertThat(demo.partnerRoots()).isEmpty();
  }

  private static ServeSettings settings(List<java.security.cert.X509Certificate> roots,
      Optional<FirstAdministrator.Credentials> administrator) {
    return new ServeSettings(SERVICE, "example.org", EMBEDDED_MAIL, EMBEDDED_DIRECTORY, roots, administrator);
  }
}
