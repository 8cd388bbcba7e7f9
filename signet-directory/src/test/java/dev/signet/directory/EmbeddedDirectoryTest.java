package dev.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server: the directory suite over LDAP, plus what only it does (persistence, anonymous read off). */
class EmbeddedDirectoryTest extends DirectoryContract {
  @TempDir Path data;
  EmbeddedDirectory server;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedDirectory.start(People.settings(data.resolve("contract")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  URI url() {
    return server.url();
  }

  @Override
  String adminDn() {
    return server.adminDn();
  }

  @Override
  String baseDn() {
    return server.baseDn();
  }

  @Test
  void aPublishedCertificateIsFoundWithTheCapabilitiesItsOwnerSigned() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.publish(People.publication("alice@example.org", alice));

      Lookup found = gal.lookup("alice@example.org", Instant.now());

      assertThat(found.certificates()).containsExactly(alice.certificate());
      assertThat(found.capabilities()).containsExactly(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM,
          ContentCipher.AES_256_CBC, ContentCipher.AES_128_CBC);
    }
  }

  @Test
  void aRestartKeepsEveryPublishedCertificate() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    DigitalId bob = People.id("bob@example.org");
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.publish(People.publication("alice@example.org", alice));
      gal.publish(People.publication("bob@example.org", bob));
    }
    try (EmbeddedDirectory again = EmbeddedDirectory.start(People.settings(data))) {
      assertThat(again.lookup("alice@example.org", Instant.now()).certificates()).containsExactly(alice.certificate());
      assertThat(again.lookup("bob@example.org", Instant.now()).certificates()).containsExactly(bob.certificate());
    }
  }

  @Test
  void aChangeIsOnDiskAsSoonAsItIsAcknowledged() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (Directory admin = asAdministrator()) {
      admin.publish(People.publication("alice@example.org", alice));
    }
    // a second server on the same folder, as after a crash of the first: nothing was waiting to be written
    try (EmbeddedDirectory copy = EmbeddedDirectory.start(People.settings(data.resolve("contract")))) {
      assertThat(copy.lookup("alice@example.org", Instant.now()).certificates()).containsExactly(alice.certificate());
    }
  }

  @Test
  void onlyTheOwnerMayReadTheSavedEntries() throws Exception {
    addPerson("alice@example.org", "alice pw");

    assertThat(Files.getPosixFilePermissions(data.resolve("contract").resolve("gal.ldif")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void anOwnerCannotChangeTheAddressOfTheirEntry() throws Exception {
    String dn = addPerson("mallory@example.org", "m pw");
    try (LDAPConnection asMallory = new LDAPConnection("127.0.0.1", server.port(), dn, "m pw")) {
      assertThatThrownBy(() -> asMallory.modify(dn, new Modification(ModificationType.REPLACE, "mail",
          "alice@example.org"))).isInstanceOf(LDAPException.class).hasMessageContaining("not mail");
    }
  }

  @Test
  void anonymousReadCanBeTurnedOff() throws Exception {
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data).withAnonymousRead(false));
        Directory anonymous = Directory.connect(LdapSettings.of(gal.url()))) {
      assertThatThrownBy(() -> anonymous.find("alice@example.org"))
          .isInstanceOf(DirectoryException.class).hasMessageContaining("not allowed");
    }
  }

  @Test
  void theBaseIsFoundFromTheServerWhenTheUrlNamesNone() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.publish(People.publication("alice@example.org", alice));
      URI bare = URI.create("ldap://127.0.0.1:" + gal.port());
      try (Directory anonymous = Directory.connect(LdapSettings.of(bare))) {
        assertThat(anonymous.find("alice@example.org")).extracting(Listing::dn)
            .containsExactly("mail=alice@example.org,ou=people,dc=example,dc=org");
      }
    }
  }

  @Test
  void aWrongAdministratorPasswordIsRefused() throws Exception {
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      assertThatThrownBy(() -> Directory.connect(LdapSettings.of(gal.url()).withBind(gal.adminDn(), "wrong".toCharArray())))
          .isInstanceOf(DirectoryException.class).hasMessageContaining("wrong bind DN or password");
    }
  }

  @Test
  void capabilitiesSignedBySomeoneElseAreIgnored() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    byte[] signedByMallory = People.publication("mallory@example.org", People.id("mallory@example.org"))
        .signedCertificates();
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.publish(new Publication("alice@example.org", "Alice", List.of(alice.certificate()), signedByMallory));

      Lookup found = gal.lookup("alice@example.org", Instant.now());

      assertThat(found.certificates()).containsExactly(alice.certificate());
      assertThat(found.capabilities()).isEmpty();
    }
  }

  @Test
  void aCertificateWithoutItsSignedCapabilitiesIsStillFound() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.publish(new Publication("alice@example.org", "Alice", List.of(alice.certificate()), new byte[] {0x30, 0x00}));

      Lookup found = gal.lookup("alice@example.org", Instant.now());

      assertThat(found.certificates()).containsExactly(alice.certificate());
      assertThat(found.capabilities()).isEmpty();
    }
  }
}
