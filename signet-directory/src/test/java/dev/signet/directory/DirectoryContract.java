package dev.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every Directory over LDAP must do, whichever server is behind it: run against the embedded
 * server and against OpenLDAP's slapd.
 */
abstract class DirectoryContract {
  static final String ADMIN_PASSWORD = new String(People.ADMIN_PASSWORD);

  abstract URI url();

  abstract String adminDn();

  abstract String baseDn();

  Directory asAdministrator() throws Exception {
    return Directory.connect(LdapSettings.of(url()).withBind(adminDn(), ADMIN_PASSWORD.toCharArray()));
  }

  Directory anonymous() throws Exception {
    return Directory.connect(LdapSettings.of(url()));
  }

  /** An entry for a person who may bind with {@code password}, made by the administrator; its DN. */
  String addPerson(String address, String password) throws Exception {
    DN dn = new DN(new RDN("mail", address), new DN("ou=people," + baseDn()));
    try (LDAPConnection admin = new LDAPConnection(url().getHost(), url().getPort(), adminDn(), ADMIN_PASSWORD)) {
      admin.add(new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
          new Attribute("cn", address), new Attribute("sn", address), new Attribute("mail", address),
          new Attribute("userPassword", password)));
    }
    return dn.toString();
  }

  @Test
  void aCertificatePublishedByTheAdministratorIsFoundAnonymouslyWithItsCapabilities() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (Directory admin = asAdministrator()) {
      admin.publish(People.publication("alice@example.org", alice));
    }
    try (Directory anyone = anonymous()) {
      Lookup found = anyone.lookup("alice@example.org", Instant.now());

      assertThat(found.certificates()).containsExactly(alice.certificate());
      assertThat(found.capabilities()).startsWith(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM);
    }
  }

  @Test
  void theOwnerPublishesOnTheirOwnEntry() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    String dn = addPerson("alice@example.org", "alice pw");
    try (Directory asAlice = Directory.connect(LdapSettings.of(url()).withBind(dn, "alice pw".toCharArray()))) {
      asAlice.publish(People.publication("alice@example.org", alice));
    }
    try (Directory anyone = anonymous()) {
      assertThat(anyone.lookup("alice@example.org", Instant.now()).certificates()).containsExactly(alice.certificate());
    }
  }

  @Test
  void anOwnerCannotPublishOnAnotherPersonsEntry() throws Exception {
    String mallory = addPerson("mallory@example.org", "m pw");
    addPerson("alice@example.org", "a pw");
    try (Directory asMallory = Directory.connect(LdapSettings.of(url()).withBind(mallory, "m pw".toCharArray()))) {
      assertThatThrownBy(() -> asMallory.publish(People.publication("alice@example.org", People.id("alice@example.org"))))
          .isInstanceOf(DirectoryException.class).hasMessageContaining("not allowed");
    }
  }

  @Test
  void anAnonymousClientCannotPublish() throws Exception {
    addPerson("alice@example.org", "a pw");
    try (Directory anyone = anonymous()) {
      assertThatThrownBy(() -> anyone.publish(People.publication("alice@example.org", People.id("alice@example.org"))))
          .isInstanceOf(DirectoryException.class);
      assertThat(anyone.lookup("alice@example.org", Instant.now()).found()).isFalse();
    }
  }

  @Test
  void publishingAgainReplacesTheCertificates() throws Exception {
    DigitalId renewed = People.id("alice@example.org");
    try (Directory admin = asAdministrator()) {
      admin.publish(People.publication("alice@example.org", People.id("alice@example.org")));
      admin.publish(People.publication("alice@example.org", renewed));

      assertThat(admin.lookup("alice@example.org", Instant.now()).certificates()).containsExactly(renewed.certificate());
    }
  }

  @Test
  void theDomainMatchesInAnyCaseTheLocalPartOnlyExactly() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (Directory admin = asAdministrator()) {
      admin.publish(People.publication("alice@example.org", alice));

      assertThat(admin.lookup("alice@EXAMPLE.org", Instant.now()).certificates()).containsExactly(alice.certificate());
      assertThat(admin.lookup("Alice@example.org", Instant.now()).found()).isFalse();
    }
  }

  @Test
  void aCertificateForAnotherAddressIsNeverUsed() throws Exception {
    try (Directory admin = asAdministrator()) {
      admin.publish(People.publication("alice@example.org", People.id("mallory@example.org")));

      assertThat(admin.find("alice@example.org")).hasSize(1);
      assertThat(admin.lookup("alice@example.org", Instant.now()).found()).isFalse();
    }
  }

  @Test
  void anExpiredCertificateIsNotUsable() throws Exception {
    try (Directory admin = asAdministrator()) {
      admin.publish(People.publication("alice@example.org", People.expired("alice@example.org")));

      assertThat(admin.lookup("alice@example.org", Instant.now()).found()).isFalse();
    }
  }
}
