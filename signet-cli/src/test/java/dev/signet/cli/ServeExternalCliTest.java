package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.Slapd;
import dev.signet.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `signet serve --smtp-relay --imap-url --ldap-url`: the service on the organisation's own mail server
 * (here our mail service on loopback, with a CA of its own) and its own OpenLDAP.
 */
class ServeExternalCliTest {
  private static final String LDAP_PASSWORD = "directory admin password";
  private static final String SUFFIX = "dc=example,dc=org";
  private static Slapd slapd;
  private static CertificateAuthority mailCa;
  private static MailService mail;
  private static Path mailCaPem;

  @TempDir Path dir;

  @BeforeAll
  static void start(@TempDir Path shared) {
    Slapd.require();
    slapd = Slapd.start(shared.resolve("slapd"), SUFFIX, LDAP_PASSWORD);
    mailCa = CertificateAuthority.open(CaDatabase.inDataFolder(shared.resolve("mail-ca")));
    Issuer issuer = mailCa.init("CN=Mail CA", KeyType.EC_P384, "http://127.0.0.1:1", "pass".toCharArray(), "test");
    mailCaPem = TestPki.writeCertificatesPem(shared.resolve("mail-ca.pem"),
        List.of(issuer.caChain().get(issuer.caChain().size() - 1)));
    mail = MailService.start(new MailServiceConfig(shared.resolve("mail"), "127.0.0.1", 0, 0, 0, 0),
        (address, password) -> false, issuer.serviceIdentity(List.of("127.0.0.1")));
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.close();
    }
    if (mailCa != null) {
      mailCa.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  private static ServeFixture serve(String caName) {
    return ServeFixture.start(caName, Map.of("SIGNET_LDAP_PASSWORD", LDAP_PASSWORD), List.of("--smtp-relay", smtps(),
        "--imap-url", imaps(), "--trust-server", mailCaPem.toString(), "--ldap-url", slapd.url().toString(),
        "--ldap-bind-dn", slapd.adminDn()));
  }

  private static String smtps() {
    return "smtps://127.0.0.1:" + mail.smtpsPort();
  }

  private static String imaps() {
    return "imaps://127.0.0.1:" + mail.imapsPort();
  }

  @Test
  void serveNamesTheOrganisationsServersAndStartsNoMailServerOrDirectoryOfItsOwn() throws Exception {
    ServeFixture serve = serve("CN=External Servers CA");

    CliRun.Result stopped = serve.stop();

    assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
    assertThat(stopped.stderr()).contains(smtps() + " (the organisation's SMTP server", imaps()
        + "/INBOX (the organisation's IMAP server", slapd.url() + " (the organisation's directory")
        .doesNotContain("(STARTTLS)", "anonymous read");
  }

  @Test
  void aDigitalIdEnrolledOverEstIsPublishedInTheOrganisationsOpenLdap() throws Exception {
    ExternalTool.LDAPSEARCH.require();
    try (ServeFixture serve = serve("CN=External Directory CA")) {
      CliRun.Result enrolled = ServeFixture.SIGNET.run("id", "enroll", "--server", serve.server(), "--token",
          serve.token("carol@example.org"), "--email", "carol@example.org", "--ca", serve.root.toString(), "--out",
          dir.resolve("carol.p12").toString());
      assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();

      ProcessRunner.Result found = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("ldapsearch", "-x", "-LLL",
          "-H", "ldap://127.0.0.1:" + slapd.port(), "-b", SUFFIX, "(mail=carol@example.org)",
          "userCertificate;binary"));

      assertThat(found.stdoutText()).contains("userCertificate;binary::");
      assertThat(Files.exists(serve.data.resolve("gal"))).as("no embedded directory in the data folder").isFalse();
    }
  }
}
