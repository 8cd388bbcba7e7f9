package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.mail.StoredId;
import dev.signet.pki.AuditEvent;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Auto-enrollment over HTTP: an administrator allows it, and a signed-in person then gets a digital ID without a token. */
class WebAutoEnrollmentTest {
  private static final String NEW_ID_PASSWORD = "new digital-ID password";
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void anAllowedPersonGetsAnIdForTheirOwnAddressThatChainsToTheCa() throws Exception {
    String gina = person("gina");
    allow(true);
    WebClient client = WebClient.signedIn(fixture, gina);
    assertThat(client.get("/web/ids").body()).contains("Get a digital ID now");

    // An address slipped into the form is not the one the certificate is for.
    HttpResponse<String> r = client.submit("/web/ids", "/web/ids/auto-enroll",
        Map.of("password", NEW_ID_PASSWORD, "email", WebFixture.BOB));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Accepted: a dual-use certificate for " + gina);
    List<StoredId> stored = store(gina).list();
    assertThat(stored).hasSize(1);
    DigitalId id = store(gina).load(stored.get(0).name(), NEW_ID_PASSWORD.toCharArray());
    assertThat(mailboxes(id.certificate())).containsExactly(gina);
    assertChainsToTheCa(id.chain());
    try (CertificateAuthority ca = openCa()) {
      assertThat(ca.certificatesFor(WebFixture.BOB)).hasSize(1); // only the fixture's own
      assertThat(ca.auditLog()).anyMatch(e -> e.actor().equals(gina) && e.action().equals("issue")
          && e.detail().contains("dual-use certificate") && e.detail().contains(gina));
    }
  }

  @Test
  void whenNotAllowedTheFormIsHiddenAndAPostIsRefusedWithNothingIssued() throws IOException {
    String hal = person("hal");
    allow(false);
    WebClient client = WebClient.signedIn(fixture, hal);
    assertThat(client.get("/web/ids").body()).doesNotContain("Get a digital ID now", "/web/ids/auto-enroll");

    HttpResponse<String> r = client.submit("/web/ids", "/web/ids/auto-enroll", Map.of("password", NEW_ID_PASSWORD));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("does not issue digital IDs without an enrollment token");
    assertNothingIssuedTo(hal);
  }

  @Test
  void aPersonCannotAllowAutoEnrollment() throws IOException {
    allow(false);
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);

    HttpResponse<String> r = alice.submit("/web/ids", "/web/admin/auto-enrollment", Map.of("allowed", "1"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(alice.get("/web/ids").body()).doesNotContain("Get a digital ID now");
  }

  @Test
  void aPostWithoutTheFormsSecurityTokenIsRefused() throws IOException {
    String ivy = person("ivy");
    allow(true);

    HttpResponse<String> r = WebClient.signedIn(fixture, ivy).post("/web/ids/auto-enroll",
        Map.of("password", NEW_ID_PASSWORD));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("no valid security token");
    assertNothingIssuedTo(ivy);
  }

  @Test
  void aShortDigitalIdPasswordIsRefusedWithNothingIssued() throws IOException {
    String jo = person("jo");
    allow(true);

    HttpResponse<String> r = WebClient.signedIn(fixture, jo).submit("/web/ids", "/web/ids/auto-enroll",
        Map.of("password", "short"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("at least 8 characters");
    assertNothingIssuedTo(jo);
  }

  @Test
  void issuingIsLimitedPerPerson() throws IOException {
    String kim = person("kim");
    allow(true);
    WebClient client = WebClient.signedIn(fixture, kim);
    for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
      assertThat(client.submit("/web/ids", "/web/ids/auto-enroll", Map.of("password", NEW_ID_PASSWORD)).statusCode())
          .isEqualTo(200);
    }

    HttpResponse<String> r = client.submit("/web/ids", "/web/ids/auto-enroll", Map.of("password", NEW_ID_PASSWORD));

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body()).contains("Too many digital IDs issued to you");
    assertThat(store(kim).list()).hasSize(LoginLimiter.MAX_FAILURES);
  }

  @Test
  void changingTheSettingIsAuditLoggedWithTheAdministratorsName() throws IOException {
    allow(true);
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.get("/web/admin/policy").body()).contains("id=\"auto-enrollment\" checked");
    allow(false);
    assertThat(admin.get("/web/admin/policy").body()).contains("id=\"auto-enrollment\"")
        .doesNotContain("id=\"auto-enrollment\" checked");
    try (CertificateAuthority ca = openCa()) {
      List<AuditEvent> changes = ca.auditLog().stream().filter(e -> e.action().equals("auto-enrollment")).toList();
      assertThat(changes).anyMatch(e -> e.actor().equals(WebFixture.ADMIN) && e.detail().equals("auto-enrollment allowed"))
          .anyMatch(e -> e.actor().equals(WebFixture.ADMIN) && e.detail().equals("auto-enrollment stopped"));
    }
  }

  @Test
  void withKeyArchivalOnThePersonIsSentToTheirAdministratorForAToken() throws IOException {
    try (WebFixture archiving = WebFixture.start(); CertificateAuthority ca = CertificateAuthority.open(
        CaDatabase.inDataFolder(archiving.data))) {
      ca.setRecoveryAgent(DigitalId.selfSigned("recovery@example.org", "Recovery Agent", KeyType.RSA_2048,
          Clock.systemUTC(), new SecureRandom()).certificate(), "test");
      WebClient.signedIn(archiving, WebFixture.ADMIN).submit("/web/admin/policy", "/web/admin/auto-enrollment",
          Map.of("allowed", "1"));

      HttpResponse<String> r = WebClient.signedIn(archiving, WebFixture.ALICE).submit("/web/ids",
          "/web/ids/auto-enroll", Map.of("password", NEW_ID_PASSWORD));

      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.body()).contains("Key archival is on");
      assertThat(ca.certificatesFor(WebFixture.ALICE)).hasSize(1); // only the fixture's own
    }
  }

  private static String person(String name) {
    String email = name + "@example.org";
    fixture.web.accounts().create(email, name, Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    return email;
  }

  private static void allow(boolean allowed) throws IOException {
    HttpResponse<String> r = WebClient.signedIn(fixture, WebFixture.ADMIN).submit("/web/admin/policy",
        "/web/admin/auto-enrollment", allowed ? Map.of("allowed", "1") : Map.of());
    assertThat(r.statusCode()).isEqualTo(303);
  }

  private static dev.signet.mail.IdStore store(String email) {
    return fixture.web.idStore(email);
  }

  private static CertificateAuthority openCa() {
    return CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data));
  }

  private static void assertNothingIssuedTo(String email) throws IOException {
    try (CertificateAuthority ca = openCa()) {
      assertThat(ca.certificatesFor(email)).extracting(IssuedCertificate::serial).isEmpty();
    }
    assertThat(store(email).list()).isEmpty();
  }

  private static List<String> mailboxes(X509Certificate certificate) throws GeneralSecurityException {
    return certificate.getSubjectAlternativeNames().stream().filter(n -> (Integer) n.get(0) == 1)
        .map(n -> (String) n.get(1)).toList();
  }

  /** PKIX path validation to the organisation's root, revocation aside (the fixture's CA serves no CRL). */
  private static void assertChainsToTheCa(List<X509Certificate> chain) throws GeneralSecurityException {
    CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(fixture.root(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }
}
