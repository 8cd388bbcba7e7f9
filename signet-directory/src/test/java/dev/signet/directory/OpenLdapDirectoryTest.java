package dev.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.testkit.Slapd;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory suite against Debian's OpenLDAP slapd on a loopback port (userCertificate;binary). */
class OpenLdapDirectoryTest extends DirectoryContract {
  private static final String BASE = "dc=example,dc=org";
  @TempDir Path dir;
  Slapd slapd;

  @BeforeEach
  void start() {
    slapd = Slapd.start(dir, BASE, ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() {
    if (slapd != null) {
      slapd.close();
    }
  }

  @Test
  void aDirectoryKeptOpenAcrossAServerRestartReconnectsAndBindsAgain() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    DigitalId bob = People.id("bob@example.org");
    try (Directory admin = asAdministrator(); Directory anyone = anonymous()) {
      admin.publish(People.publication("alice@example.org", alice));
      anyone.lookup("alice@example.org", Instant.now());

      slapd = slapd.restart();

      admin.publish(People.publication("bob@example.org", bob));
      assertThat(anyone.lookup("bob@example.org", Instant.now()).certificates()).containsExactly(bob.certificate());
      assertThat(anyone.lookup("alice@example.org", Instant.now()).certificates()).containsExactly(alice.certificate());
    }
  }

  @Override
  URI url() {
    return slapd.url();
  }

  @Override
  String adminDn() {
    return slapd.adminDn();
  }

  @Override
  String baseDn() {
    return BASE;
  }
}
