package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Certificates;
import dev.signet.testkit.Slapd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signet gal publish and lookup against Debian's OpenLDAP slapd: a real server, not ours. */
class GalOpenLdapCliTest {
  private static final String ADMIN_PASSWORD = "admin secret";
  @TempDir Path dir;
  Slapd slapd;

  @BeforeEach
  void start() throws IOException {
    slapd = Slapd.start(Files.createDirectory(dir.resolve("slapd")), "dc=example,dc=org", ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() {
    if (slapd != null) {
      slapd.close();
    }
  }

  @Test
  void aCertificatePublishedToOpenLdapIsLookedUpAsPem() throws IOException {
    Fixtures.Person alice = Fixtures.person(dir, "alice@example.org", "Alice");
    CliRun.Result published = CliRun.withEnvironment(Map.of("SIGNET_LDAP_PASSWORD", ADMIN_PASSWORD)).run("gal",
        "publish", "--id", alice.p12().toString(), "--server", slapd.url().toString(), "--bind-dn", slapd.adminDn());
    assertThat(published.exitCode()).as(published.toString()).isZero();

    CliRun.Result found = CliRun.withoutPassword().run("gal", "lookup", "alice@example.org", "--server",
        slapd.url().toString());

    assertThat(found.exitCode()).as(found.toString()).isZero();
    assertThat(found.out()).isEqualTo(Certificates.pem(alice.id().certificate()));
  }

  @Test
  void aLookupInOpenLdapWithNoCertificateExitsOne() {
    CliRun.Result r = CliRun.withoutPassword().run("gal", "lookup", "nobody@example.org", "--server",
        slapd.url().toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
  }
}
