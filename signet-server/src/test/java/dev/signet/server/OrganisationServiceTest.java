package dev.signet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.KeyType;
import dev.signet.directory.Directory;
import dev.signet.directory.LdapSettings;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.CertificateProfile;
import dev.signet.pki.EstClient;
import dev.signet.server.mail.MailServiceConfig;
import dev.signet.testkit.CurlBrowser;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.LoopbackPorts;
import dev.signet.testkit.ProcessRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo organisation (CA services, web UI, directory, mail server) on free loopback ports in
 * a temporary folder, driven by the clients people use: curl (HTTPS, SMTP, IMAP), ldapsearch and OpenSSL.
 */
class OrganisationServiceTest {
  private static final String PASSWORD = "demo password 1";
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
  private static Path data;
  private static int httpPort;
  private static Service service;
  private static Organisation organisation;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("signet-organisation");
    httpPort = LoopbackPorts.free();
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      ca.init("CN=Example.org CA,O=example.org", KeyType.RSA_3072, "http://127.0.0.1:" + httpPort,
          PASSWORD.toCharArray(), "test");
    }
    startDemo();
  }

  private static void startDemo() {
    organisation = Organisation.demo(CaDatabase.inDataFolder(data), MailServiceConfig.defaults(data.resolve("mail"))
        .withHost("127.0.0.1").withPorts(0, 0, 0, 0), OrganisationDirectory.embedded(0), PASSWORD.toCharArray());
    service = Service.start(ServiceConfig.defaults(data).withHost("127.0.0.1").withPorts(httpPort, 0)
        .withParts(List.of(organisation)), PASSWORD.toCharArray());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theFirstStartSetsUpTheDemoPeople() {
    assertThat(organisation.demoOutcome()).hasValueSatisfying(o -> assertThat(o.people())
        .extracting(p -> p.email()).containsExactly(ALICE, BOB, "admin@example.org"));
  }

  @Test
  void theSignInPageIsServedOverHttps() throws IOException {
    writeRoot();
    ProcessRunner.Result page = curl("-sS", "--cacert", "root.pem", https("/web/signin"));

    assertThat(page.stdoutText()).contains("<form", "name=\"password\"");
  }

  @Test
  void aliceSignsInWithTheDemoPasswordAndSeesHerExampleMail() throws IOException {
    writeRoot();

    String inbox = signedInPage(ALICE, "/web/inbox");

    assertThat(inbox).contains("Welcome to Signet", "Quarterly figures (confidential)", "Payment details");
  }

  @Test
  void ldapsearchFindsAlicesCertificateInTheDirectory() {
    ExternalTool.LDAPSEARCH.require();
    ProcessRunner.Result found = run("ldapsearch", "-x", "-LLL", "-H", "ldap://127.0.0.1:" + organisation.ldapPort(),
        "-b", "dc=example,dc=org", "(mail=" + ALICE + ")", "mail", "userCertificate", "userSMIMECertificate");

    assertThat(found.stdoutText()).contains("mail: " + ALICE, "userCertificate;binary::", "userSMIMECertificate");
  }

  @Test
  void ldapsearchReachesTheDirectoryOverStartTlsAndLdapsWithTheServiceCertificate() throws IOException {
    ExternalTool.LDAPSEARCH.require();
    writeRoot();
    Map<String, String> trustRoot = Map.of("LDAPTLS_CACERT", dir.resolve("root.pem").toString(), "LDAPTLS_REQCERT",
        "demand");
    for (List<String> how : List.of(List.of("-ZZ", "-H", "ldap://127.0.0.1:" + organisation.ldapPort()),
        List.of("-H", "ldaps://127.0.0.1:" + organisation.ldapsPort()))) {
      List<String> command = new java.util.ArrayList<>(List.of(ExternalTool.LDAPSEARCH.path().orElseThrow(), "-x",
          "-LLL"));
      command.addAll(how);
      command.addAll(List.of("-b", "dc=example,dc=org", "(mail=" + ALICE + ")", "mail"));
      ProcessRunner.Result found = ProcessRunner.run(dir, trustRoot, new byte[0], command);

      assertThat(found.exitCode()).as(how + ": " + found.stderr()).isZero();
      assertThat(found.stdoutText()).as(how.toString()).contains("mail: " + ALICE);
    }
  }

  @Test
  void mailSubmittedOverSmtpShowsInTheWebInbox() throws IOException {
    writeRoot();
    Files.writeString(dir.resolve("note.eml"), "From: " + BOB + "\r\nTo: " + ALICE
        + "\r\nSubject: Sent over SMTP by curl\r\n\r\nHello from SMTP.\r\n");

    ProcessRunner.Result sent = curl("-sS", "--cacert", "root.pem", "--user", BOB + ":" + PASSWORD,
        "--mail-from", BOB, "--mail-rcpt", ALICE, "--upload-file", "note.eml",
        "smtps://127.0.0.1:" + organisation.smtpsPort());

    assertThat(sent.exitCode()).as(sent.stderr()).isZero();
    assertThat(signedInPage(ALICE, "/web/inbox")).contains("Sent over SMTP by curl");
  }

  @Test
  void mailSentFromTheWebReachesImap() throws IOException {
    writeRoot();
    CurlBrowser bob = signedIn(BOB);
    int before = imapMessages(ALICE);

    bob.submit("/web/compose", "/web/compose", Map.of("to", ALICE, "subject", "Sent from the web", "body",
        "Hello from the web."));

    assertThat(imapMessages(ALICE)).isEqualTo(before + 1);
  }

  @Test
  void imapRefusesAWrongPassword() throws IOException {
    writeRoot();
    ProcessRunner.Result wrong = curl("-sS", "--cacert", "root.pem", "--user", ALICE + ":not the password",
        "-X", "EXAMINE INBOX", "imaps://127.0.0.1:" + organisation.imapsPort() + "/INBOX");

    assertThat(wrong.exitCode()).isNotZero();
  }

  @Test
  void estCacertsAnswersWithTheDemoCa() throws IOException {
    writeRoot();
    curl("-sS", "--cacert", "root.pem", "-o", "cacerts.b64", https("/.well-known/est/cacerts"));
    run("openssl", "base64", "-d", "-in", "cacerts.b64", "-out", "cacerts.p7");

    ProcessRunner.Result certs = run("openssl", "pkcs7", "-inform", "DER", "-in", "cacerts.p7", "-print_certs", "-noout");

    assertThat(certs.stdoutText()).contains("Example.org CA");
  }

  @Test
  void opensslOcspSaysAlicesCertificateIsGood() throws IOException {
    ExternalTool.OPENSSL.require();
    writeRoot();
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      Files.writeString(dir.resolve("issuing.pem"), CertificateAuthority.pem(List.of(ca.caCertificates().get(0))));
      Files.writeString(dir.resolve("alice.pem"), CertificateAuthority.pem(List.of(ca.certificatesFor(ALICE).get(0)
          .certificate())));
    }

    ProcessRunner.Result status = run("openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "alice.pem", "-CAfile",
        "root.pem", "-url", "http://127.0.0.1:" + service.httpPort() + "/ocsp");

    assertThat(status.stdoutText()).contains("alice.pem: good");
  }

  @Test
  void aCertificateEnrolledOverEstIsPublishedInTheDirectory() throws IOException {
    X509Certificate issued = enrollOverEst("carol@example.org");

    assertThat(directoryCertificates("carol@example.org")).contains(issued);
  }

  @Test
  void publishToGalDisabledKeepsEnrolledCertificatesOutOfTheDirectory() throws IOException {
    writeRoot();
    setPolicy("PublishToGALDisabled", "1");
    try {
      X509Certificate issued = enrollOverEst("dave@example.org");

      assertThat(directoryCertificates("dave@example.org")).doesNotContain(issued);
    } finally {
      setPolicy("PublishToGALDisabled", "");
    }
  }

  private X509Certificate enrollOverEst(String address) throws IOException {
    List<X509Certificate> anchors;
    String token;
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      anchors = List.of(ca.caCertificates().get(1));
      token = ca.token(address, Optional.empty(), Duration.ofHours(1), "test").secret();
    }
    KeyPair keys = ecKeys();
    EstClient.Answer answer = EstClient.to(URI.create(https("")), anchors)
        .enroll(address, token, EstClient.request(keys, address), CertificateProfile.DUAL_USE);
    return answer.certificate().orElseThrow(() -> new AssertionError(answer.toString()));
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private List<X509Certificate> directoryCertificates(String address) throws IOException {
    try (Directory gal = Directory.connect(LdapSettings.of(URI.create("ldap://127.0.0.1:" + organisation.ldapPort()
        + "/dc=example,dc=org")))) {
      return gal.find(address).stream().flatMap(l -> l.certificates().stream()).toList();
    }
  }

  private void setPolicy(String name, String value) {
    String status = signedIn("admin@example.org").submit("/web/admin/policy", "/web/admin/policy", Map.of("name", name,
        "value", value));
    assertThat(status).as("setting " + name).isEqualTo("303");
  }

  @Test
  void aRestartKeepsPeopleMailAndIdsAndAddsNothing() throws IOException {
    writeRoot();
    int mailBefore = imapMessages(BOB);
    service.close();

    startDemo();

    assertThat(organisation.demoOutcome()).hasValueSatisfying(o -> assertThat(o.setUpNow()).isFalse());
    assertThat(imapMessages(BOB)).isEqualTo(mailBefore).isPositive();
    assertThat(signedInPage(ALICE, "/web/inbox")).contains("Welcome to Signet");
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      assertThat(ca.certificatesFor(ALICE)).hasSize(1);
    }
  }

  private int imapMessages(String address) {
    ProcessRunner.Result r = curl("-sS", "--cacert", "root.pem", "--user", address + ":" + PASSWORD,
        "-X", "EXAMINE INBOX", "imaps://127.0.0.1:" + organisation.imapsPort() + "/INBOX");
    Matcher m = EXISTS.matcher(r.stdoutText());
    assertThat(m.find()).as(r.stdoutText() + r.stderr()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private String signedInPage(String address, String path) {
    return signedIn(address).page(path);
  }

  /** {@code address}'s browser (curl, a cookie jar of its own), signed in with the demo password. */
  private CurlBrowser signedIn(String address) {
    CurlBrowser browser = new CurlBrowser(dir, dir.resolve("root.pem"), https(""),
        address.substring(0, address.indexOf('@')));
    assertThat(browser.signIn(address, PASSWORD)).as("sign-in of " + address).isEqualTo("303");
    return browser;
  }

  private void writeRoot() throws IOException {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      Files.writeString(dir.resolve("root.pem"), CertificateAuthority.pem(List.of(ca.caCertificates().get(1))));
    }
  }

  private ProcessRunner.Result curl(String... args) {
    ExternalTool.CURL.require();
    List<String> command = new ArrayList<>(List.of("curl"));
    command.addAll(List.of(args));
    return ProcessRunner.run(dir, Map.of(), new byte[0], command);
  }

  private ProcessRunner.Result run(String... command) {
    return ProcessRunner.run(dir, Map.of(), new byte[0], List.of(command));
  }

  private static String https(String path) {
    return "https://127.0.0.1:" + service.httpsPort() + path;
  }
}
