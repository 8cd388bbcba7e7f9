package dev.signet.directory;

import dev.signet.testkit.Slapd;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
