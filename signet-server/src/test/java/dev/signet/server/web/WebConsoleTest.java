package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.SecurityLabel;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The administrator's console and the digital-ID page over HTTP: policy, tokens, enrollment, revocation, audit. */
class WebConsoleTest {
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
  void aPolicyValueTheSettingDoesNotTakeIsRefusedNamingIt() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> r = admin.submit("/web/admin/policy", "/web/admin/policy",
        Map.of("name", "MinEncKey", "value", "100"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("MinEncKey");
    assertThat(admin.get("/web/admin/policy").body()).contains("128 (absent)");
  }

  @Test
  void aPolicySettingIsStoredAndShownAsInEffect() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.submit("/web/admin/policy", "/web/admin/policy",
        Map.of("name", "NeedEncryptionString", "value", "Ask the help desk for a digital ID")).statusCode())
        .isEqualTo(303);
    assertThat(admin.get("/web/admin/policy").body()).contains("Ask the help desk for a digital ID");
    assertThat(admin.get("/web/admin/audit").body())
        .contains("NeedEncryptionString=Ask the help desk for a digital ID", WebFixture.ADMIN);
  }

  @Test
  void anAdministratorAddsAPersonWhoCanThenSignIn() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.submit("/web/admin/people", "/web/admin/people", Map.of("email", "frank@example.org",
        "name", "Frank", "role", "person", "password", "frank's first password")).statusCode()).isEqualTo(303);
    assertThat(admin.get("/web/admin/people").body()).contains("frank@example.org");
    WebClient frank = new WebClient(fixture);
    assertThat(frank.post("/web/signin", Map.of("email", "frank@example.org", "password", "frank's first password",
        "csrf", frank.csrf("/web/signin"))).statusCode()).isEqualTo(303);
    assertThat(frank.get("/web/admin/people").statusCode()).isEqualTo(403);
  }

  @Test
  void aPersonGetsADigitalIdWithTheTokenAnAdministratorMade() throws IOException {
    fixture.web.accounts().create("dave@example.org", "Dave", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> made = admin.get(admin.submit("/web/admin/tokens", "/web/admin/tokens",
        Map.of("email", "dave@example.org", "days", "1")).headers().firstValue("Location").orElseThrow());
    Matcher token = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(made.body());
    assertThat(token.find()).as(made.body()).isTrue();

    WebClient dave = WebClient.signedIn(fixture, "dave@example.org");
    HttpResponse<String> enrolled = dave.submit("/web/ids", "/web/ids/enroll",
        Map.of("token", token.group(1), "password", "dave's ID password"));
    assertThat(enrolled.body()).contains("Accepted: a dual-use certificate for dave@example.org");
    assertThat(dave.get("/web/ids").body()).contains("dave@example.org", "CN=Example Org CA");
    HttpResponse<String> again = dave.submit("/web/ids", "/web/ids/enroll",
        Map.of("token", token.group(1), "password", "dave's ID password"));
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("TOKEN_USED");
  }

  @Test
  void anAdministratorRevokesACertificateAndTheAuditLogSaysWho() throws IOException {
    String serial;
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data))) {
      serial = ca.certificatesFor(WebFixture.BOB).stream().filter(c -> !c.isRevoked()).findFirst()
          .map(IssuedCertificate::serial).orElseThrow();
    }
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.submit("/web/admin/certificates", "/web/admin/certificates/" + serial + "/revoke",
        Map.of("reason", "superseded"))
        .statusCode()).isEqualTo(303);
    assertThat(admin.get("/web/admin/certificates").body()).contains(serial, "revoked");
    assertThat(admin.get("/web/admin/audit").body()).contains("revoke", "serial " + serial, WebFixture.ADMIN);
  }

  @Test
  void aWrongDigitalIdPasswordLeavesTheKeysLocked() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    HttpResponse<String> r = alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", "not it"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("does not open your digital IDs");
    assertThat(alice.get("/web/ids").body()).doesNotContain("Unlocked for this session");
  }

  @Test
  void dontAskAgainQuietsThatKindOfProblemUntilPolicyAlwaysWarns() throws IOException {
    fixture.deliverTampered(fixture.ids.get(WebFixture.ALICE), WebFixture.ALICE, WebFixture.BOB, "First order");
    String first = fixture.newest(WebFixture.BOB).id();
    WebClient bob = WebClient.signedIn(fixture, WebFixture.BOB);
    assertThat(bob.get("/web/mail/" + first).body()).contains("id=\"problem\"", "don't ask again");
    HttpResponse<String> quiet = bob.submit("/web/mail/" + first, "/web/mail/" + first + "/quiet", Map.of());
    assertThat(quiet.headers().firstValue("Location")).hasValue("/web/mail/" + first + "?show=1");

    fixture.deliverTampered(fixture.ids.get(WebFixture.ALICE), WebFixture.ALICE, WebFixture.BOB, "Second order");
    String second = fixture.newest(WebFixture.BOB).id();
    assertThat(bob.get("/web/mail/" + second).body()).doesNotContain("id=\"problem\"").contains("altered after signing");

    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    admin.submit("/web/admin/policy", "/web/admin/policy", Map.of("name", "WarnAboutInvalid", "value", "1"));
    try {
      assertThat(bob.get("/web/mail/" + second).body()).contains("id=\"problem\"").doesNotContain("don't ask again");
    } finally {
      admin.submit("/web/admin/policy", "/web/admin/policy", Map.of("name", "WarnAboutInvalid", "value", ""));
    }
  }

  @Test
  void theOrganisationsForcedLabelTravelsAndTheReaderSeesItsMarking() throws IOException {
    byte[] label = new SecurityLabel("1.3.6.1.4.1.99999.1", OptionalInt.of(3), Optional.of("EXAMPLE ORG INTERNAL"),
        List.of()).toDer();
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    admin.submit("/web/admin/policy", "/web/admin/policy",
        Map.of("name", "ForceSecurityLabelX", "value", HexFormat.of().formatHex(label)));
    try {
      WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
      alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
      assertThat(alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB, "subject", "Labelled",
          "body", "for internal eyes", "clear", "1")).statusCode()).isEqualTo(303);
    } finally {
      admin.submit("/web/admin/policy", "/web/admin/policy", Map.of("name", "ForceSecurityLabelX", "value", ""));
    }
    String id = fixture.newest(WebFixture.BOB).id();
    String page = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/mail/" + id).body();
    assertThat(page).contains("Security label: CONFIDENTIAL; EXAMPLE ORG INTERNAL", "Signed by: alice@example.org");
  }
}
