package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedToken;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Enrollment tokens on the administrator's console over HTTP: made, shown once, listed, revoked. */
class WebAdminTokensTest {
  private static final String PAGE = "/web/admin/tokens";
  private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");
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
  void aNewTokenIsShownOnceOnAPageReachedByRedirect() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    HttpResponse<String> made = admin.submit(PAGE, PAGE, Map.of("email", "erin@example.org", "days", "2"));
    assertThat(made.statusCode()).isEqualTo(303);
    assertThat(made.body()).doesNotContain("new-token");
    String location = made.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> shown = admin.get(location);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(NEW_TOKEN.matcher(shown.body()).find()).isTrue();
    assertThat(shown.body()).contains("<pre class=\"token\">", "erin@example.org");
    HttpResponse<String> reloaded = admin.get(location);
    assertThat(reloaded.statusCode()).isEqualTo(303);
    assertThat(reloaded.headers().firstValue("Location")).hasValue(PAGE);
  }

  @Test
  void tokensAreListedWithAddressExpiryAndWhetherOpenUsedOrExpired() throws IOException {
    Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data))) {
      ca.withClock(Clock.fixed(lastWeek, ZoneOffset.UTC)).token("old@example.org", Optional.empty(), Duration.ofDays(1),
          "test");
    }
    fixture.token("fresh@example.org");
    String page = WebClient.signedIn(fixture, WebFixture.ADMIN).get(PAGE).body();
    assertThat(rowOf(page, "old@example.org")).contains(">expired<").doesNotContain("Revoke");
    assertThat(rowOf(page, "fresh@example.org")).contains(">open<", "Revoke");
    assertThat(rowOf(page, WebFixture.ALICE)).contains(">used<") // the fixture enrolled alice's dual-use ID with one
        .doesNotContain("Revoke");
  }

  @Test
  void revokingATokenAsksForConfirmationThenItEnrollsNothing() throws IOException {
    fixture.web.accounts().create("gina@example.org", "Gina", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    String secret = fixture.token("gina@example.org");
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    String id = tokenOf("gina@example.org").id();
    HttpResponse<String> confirm = admin.get(PAGE + "/" + id + "/revoke");
    assertThat(confirm.body()).contains("gina@example.org", "id=\"confirm-revoke\"", "id=\"cancel\"");

    HttpResponse<String> revoked = admin.submit(PAGE, PAGE + "/" + id + "/revoke", Map.of());
    assertThat(revoked.headers().firstValue("Location")).hasValue(PAGE + "?revoked=1");
    assertThat(rowOf(admin.get(PAGE).body(), "gina@example.org")).contains(">revoked<");
    assertThat(admin.get("/web/admin/audit").body()).contains("token-revoke", "for gina@example.org");

    WebClient gina = WebClient.signedIn(fixture, "gina@example.org");
    assertThat(gina.submit("/web/ids", "/web/ids/enroll", Map.of("token", secret, "password", "gina's ID password"))
        .body()).contains("revoked").doesNotContain("Accepted");
  }

  @Test
  void aTokenWithNothingLeftToEnrollHasNoRevokePage() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.get(PAGE + "/" + tokenOf(WebFixture.BOB).id() + "/revoke").statusCode()).isEqualTo(404);
    assertThat(admin.get(PAGE + "/" + "0".repeat(64) + "/revoke").statusCode()).isEqualTo(404);
  }

  private static IssuedToken tokenOf(String email) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(fixture.data))) {
      return ca.tokens().stream().filter(t -> t.email().equals(email)).findFirst().orElseThrow();
    }
  }

  private static String rowOf(String page, String email) {
    Matcher row = Pattern.compile("<tr><td>" + Pattern.quote(email) + "</td>.*?</tr>", Pattern.DOTALL).matcher(page);
    assertThat(row.find()).as(email + " in " + page).isTrue();
    return row.group();
  }
}
