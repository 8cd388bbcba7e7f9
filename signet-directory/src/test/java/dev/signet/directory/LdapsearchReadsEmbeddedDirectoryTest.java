package dev.signet.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's ldapsearch (OpenLDAP's client), not ours, reads what the embedded directory serves. */
class LdapsearchReadsEmbeddedDirectoryTest {
  @TempDir Path data;

  @BeforeEach
  void needsLdapsearch() {
    ExternalTool.LDAPSEARCH.require();
  }

  @Test
  void aPublishedCertificateComesBackToAnAnonymousLdapsearch() throws Exception {
    DigitalId alice = People.id("alice@example.org");
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.publish(People.publication("alice@example.org", alice));

      String ldif = ldapsearch(gal, "(mail=alice@example.org)", "userCertificate;binary", "userSMIMECertificate");

      assertThat(values(ldif, "userCertificate;binary")).containsExactly(
          Base64.getEncoder().encodeToString(alice.certificate().getEncoded()));
      assertThat(values(ldif, "userSMIMECertificate")).hasSize(1);
    }
  }

  @Test
  void anAnonymousLdapsearchNeverSeesPasswords() throws Exception {
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.addPerson("alice@example.org", "Alice", "alice pw".toCharArray());

      String ldif = ldapsearch(gal, "(mail=alice@example.org)", "*");

      assertThat(ldif).contains("mail: alice@example.org").doesNotContainIgnoringCase("userPassword");
    }
  }

  @Test
  void anAnonymousSearchThatTestsPasswordsIsRefused() throws Exception {
    try (EmbeddedDirectory gal = EmbeddedDirectory.start(People.settings(data))) {
      gal.addPerson("alice@example.org", "Alice", "alice pw".toCharArray());

      ProcessRunner.Result r = ProcessRunner.run(data, Map.of(), new byte[0], List.of(
          ExternalTool.LDAPSEARCH.path().orElseThrow(), "-x", "-LLL", "-H", "ldap://127.0.0.1:" + gal.port(), "-b",
          gal.baseDn(), "(userPassword=*)", "mail"));

      assertThat(r.exitCode()).isEqualTo(50); // insufficientAccessRights
      assertThat(r.stdoutText()).doesNotContain("alice@example.org");
    }
  }

  private String ldapsearch(EmbeddedDirectory gal, String filter, String... attributes) {
    List<String> command = new ArrayList<>(List.of(ExternalTool.LDAPSEARCH.path().orElseThrow(), "-x", "-LLL",
        "-o", "ldif-wrap=no", "-H", "ldap://127.0.0.1:" + gal.port(), "-b", gal.baseDn(), filter));
    command.addAll(List.of(attributes));
    ProcessRunner.Result r = ProcessRunner.run(data, Map.of(), new byte[0], command);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdoutText();
  }

  /** The base64 values of an attribute in ldapsearch's LDIF (binary values come as "name:: base64"). */
  private static List<String> values(String ldif, String attribute) {
    return ldif.lines().filter(l -> l.startsWith(attribute + ":: ")).map(l -> l.substring(attribute.length() + 3))
        .toList();
  }
}
