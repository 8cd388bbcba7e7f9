package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.KeyType;
import dev.signet.directory.LdapSettings;
import dev.signet.directory.Listing;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.mail.transport.TransportException;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import dev.signet.server.Organisation;
import dev.signet.server.OrganisationDirectory;
import dev.signet.server.OrganisationMail;
import dev.signet.server.Service;
import dev.signet.server.ServiceConfig;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.PostgresServer;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.Slapd;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out (issue 9): two nodes of the service against one PostgreSQL, one OpenLDAP and the
 * organisation's own mail server (SMTPS and IMAPS with a certificate of its own CA, standing for the
 * organisation's). Bob gets his digital ID through node 1; Alice hers through node 2. Node 2 finds
 * Bob in the directory, Alice writes to him there, and Bob, with the same browser session he opened
 * on node 1, reads her message through node 2, decrypted and verified.
 */
class ScaleOutTest {
  private static final char[] CA_PASSPHRASE = "scale-out CA passphrase".toCharArray();
  private static final String LDAP_PASSWORD = "directory admin password";
  private static final String SUFFIX = "dc=example,dc=org";
  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.org";
  private static final Map<String, String> MAIL_PASSWORDS = Map.of(ALICE, "alice's mail password", BOB,
      "bob's mail password");
  private static final String ACCOUNT_PASSWORD = "not the mail password";
  private static final String ID_PASSWORD = "digital-ID password 1";
  private static final Pattern MESSAGE_LINK = Pattern.compile("/web/mail/([0-9]+-[0-9]+)");

  private static Path dir;
  private static PostgresServer postgres;
  private static Slapd slapd;
  private static OrganisationMailServer mailServer;
  private static CaDatabase database;
  private static CertificateAuthority ca;
  private static X509Certificate root;
  private static Node node1;
  private static Node node2;
  private static WebClient bob;

  /** One node: the service with the organisation's part, its own data folder, everything shared elsewhere. */
  private record Node(Service service, Organisation organisation) {
    String https(String path) {
      return "https://127.0.0.1:" + service.httpsPort() + path;
    }
  }

  @BeforeAll
  static void start() throws IOException {
    Slapd.require();
    dir = Files.createTempDirectory("signet-scale-out");
    postgres = PostgresServer.start();
    database = CaDatabase.at(postgres.newDatabase());
    slapd = Slapd.start(dir.resolve("slapd"), SUFFIX, LDAP_PASSWORD);
    mailServer = OrganisationMailServer.start(dir.resolve("mail"), MAIL_PASSWORDS);
    try (CertificateAuthority setup = CertificateAuthority.open(database)) {
      setup.init("CN=Example Org CA", KeyType.EC_P384, "http://127.0.0.1:1", CA_PASSPHRASE, "test");
    }
    node1 = node(dir.resolve("node1"));
    node2 = node(dir.resolve("node2"));
    ca = CertificateAuthority.open(database);
    root = last(ca.unlock(CA_PASSPHRASE).caChain());
    try (WebUi accounts = WebUi.over(database)) {
      for (String person : List.of(ALICE, BOB)) {
        accounts.accounts().create(person, person, Accounts.Role.PERSON, ACCOUNT_PASSWORD.toCharArray());
      }
    }
    bob = signIn(node1, BOB, MAIL_PASSWORDS.get(BOB));
    enroll(bob, BOB);
  }

  private static X509Certificate last(List<X509Certificate> chain) {
    return chain.get(chain.size() - 1);
  }

  private static Node node(Path data) {
    try {
      Organisation organisation = Organisation.of("example.org", CaDatabase.at(database.jdbcUrl()),
          OrganisationMail.servers(mailServer.smtps(), mailServer.imaps(),
              ServerTrust.anchoredAt(List.of(mailServer.root()))),
          OrganisationDirectory.ldap(LdapSettings.of(slapd.url())
              .withBind(slapd.adminDn(), LDAP_PASSWORD.toCharArray())), List.of());
      Service service = Service.start(ServiceConfig.defaults(data).withDatabase(CaDatabase.at(database.jdbcUrl()))
          .withHost("127.0.0.1").withPorts(0, 0).withParts(List.of(organisation)), CA_PASSPHRASE);
      return new Node(service, organisation);
    } catch (TransportException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {node2 == null ? null : node2.service(),
        node1 == null ? null : node1.service(), ca, mailServer, slapd, postgres}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static WebClient signIn(Node node, String email, String password) throws IOException {
    WebClient c = new WebClient(node::https, root);
    HttpResponse<String> r = c.post("/web/signin", Map.of("email", email, "password", password, "csrf",
        c.csrf("/web/signin")));
    if (r.statusCode() != 303) {
      throw new IllegalStateException("sign-in failed for " + email + ": " + r.statusCode());
    }
    return c;
  }

  /** Gets a digital ID through the web page with a token from the administrator, and unlocks it. */
  private static void enroll(WebClient client, String email) throws IOException {
    String token = ca.token(email, Optional.empty(), Duration.ofDays(1), "test").secret();
    HttpResponse<String> enrolled = client.submit("/web/ids", "/web/ids/enroll", Map.of("token", token, "password",
        ID_PASSWORD));
    if (enrolled.statusCode() != 200) {
      throw new IllegalStateException("enrollment failed for " + email + ": " + enrolled.statusCode());
    }
    client.submit("/web/ids", "/web/ids/unlock", Map.of("password", ID_PASSWORD));
  }

  private static X509Certificate issuedTo(String email) {
    return ca.certificatesFor(email).stream().map(IssuedCertificate::certificate).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void theOrganisationsImapServerDecidesTheSignInPassword() throws IOException {
    WebClient c = new WebClient(node2::https, root);

    HttpResponse<String> withAccountPassword = c.post("/web/signin", Map.of("email", ALICE, "password",
        ACCOUNT_PASSWORD, "csrf", c.csrf("/web/signin")));
    HttpResponse<String> withMailPassword = c.post("/web/signin", Map.of("email", ALICE, "password",
        MAIL_PASSWORDS.get(ALICE), "csrf", c.csrf("/web/signin")));

    assertThat(withAccountPassword.statusCode()).isEqualTo(401);
    assertThat(withMailPassword.statusCode()).isEqualTo(303);
  }

  @Test
  void aPersonEnrolledThroughNodeOneIsFoundInTheDirectoryThroughNodeTwo() throws IOException {
    List<Listing> found = node2.organisation().directory().find(BOB);

    assertThat(found).flatExtracting(Listing::certificates).contains(issuedTo(BOB));
  }

  @Test
  void ldapsearchFindsTheCertificateInTheOrganisationsOpenLdap() {
    ExternalTool.LDAPSEARCH.require();

    ProcessRunner.Result found = ProcessRunner.run(dir, Map.of(), new byte[0], List.of("ldapsearch", "-x", "-LLL",
        "-H", "ldap://127.0.0.1:" + slapd.port(), "-b", SUFFIX, "(mail=" + BOB + ")", "mail",
        "userCertificate;binary"));

    assertThat(found.stdoutText()).contains("mail: " + BOB, "userCertificate;binary::");
  }

  @Test
  void mailToThemIsReadThroughNodeTwoDecryptedAndVerified() throws IOException {
    WebClient alice = signIn(node2, ALICE, MAIL_PASSWORDS.get(ALICE));
    enroll(alice, ALICE);
    assertThat(alice.submit("/web/compose", "/web/compose", Map.of("to", BOB, "subject", "Across two nodes", "body",
        "sent through node 2", "sign", "1", "encrypt", "1", "clear", "1")).statusCode()).isEqualTo(303);

    WebClient bobOnNode2 = bob.at(node2::https);
    bobOnNode2.submit("/web/ids", "/web/ids/unlock", Map.of("password", ID_PASSWORD));
    Matcher link = MESSAGE_LINK.matcher(bobOnNode2.get("/web/inbox").body());
    assertThat(link.find()).as("a message in Bob's inbox").isTrue();
    String page = bobOnNode2.get("/web/mail/" + link.group(1)).body();

    assertThat(page).contains("Signed by: alice@example.org", "valid signature, trusted", "Encrypted with AES-128-GCM",
        "sent through node 2");
  }
}
