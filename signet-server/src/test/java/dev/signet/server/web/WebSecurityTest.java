package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web UI's attack surface over HTTP: who reaches what, forms without tokens, cookies, headers, brute force. */
class WebSecurityTest {
  private static WebFixture fixture;
  private static String aliceMessage;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    fixture.deliverPlain(WebFixture.BOB, WebFixture.ALICE, "For Alice only", "the secret plan");
    aliceMessage = fixture.newest(WebFixture.ALICE).id();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aliceReadsHerOwnMessage() throws IOException {
    HttpResponse<String> r = WebClient.signedIn(fixture, WebFixture.ALICE).get("/web/mail/" + aliceMessage);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("the secret plan");
  }

  @Test
  void bobCannotReadAlicesMessageByAnyUrl() throws IOException {
    WebClient bob = WebClient.signedIn(fixture, WebFixture.BOB);
    for (String path : List.of("/web/mail/" + aliceMessage, "/web/mail/" + aliceMessage + "/html",
        "/web/mail/" + aliceMessage + "?show=1", "/web/mail/" + aliceMessage + "/html?show=1")) {
      HttpResponse<String> r = bob.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("secret plan");
    }
    assertThat(bob.get("/web/inbox").body()).doesNotContain("For Alice only");
  }

  @Test
  void bobSeesOnlyHisOwnDigitalIds() throws IOException {
    String page = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/ids").body();
    assertThat(page).contains(WebFixture.BOB).doesNotContain(WebFixture.ALICE);
  }

  @Test
  void aPersonCannotReachAnyAdministratorPage() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    for (String path : List.of("/web/admin/policy", "/web/admin/people", "/web/admin/certificates", "/web/admin/audit")) {
      assertThat(alice.get(path).statusCode()).as(path).isEqualTo(403);
    }
    String csrf = alice.csrf("/web/inbox");
    HttpResponse<String> r = alice.post("/web/admin/policy", Map.of("csrf", csrf, "name", "AlwaysSign", "value", "1"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(alice.post("/web/admin/tokens", Map.of("csrf", csrf, "email", "mallory@example.org", "days", "1"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void anAdministratorReachesThePolicyPage() throws IOException {
    HttpResponse<String> r = WebClient.signedIn(fixture, WebFixture.ADMIN).get("/web/admin/policy");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("DisableContinueEncryption", "SigStatusNoTrustDecision", "EnrollPageURL");
  }

  @Test
  void aFormWithoutTheCsrfTokenIsRefusedAndNothingIsSent() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();
    HttpResponse<String> r = alice.post("/web/compose", Map.of("to", WebFixture.BOB, "subject", "forged", "body", "x"));
    assertThat(r.statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = alice.post("/web/compose", Map.of("csrf", "not-the-token", "to", WebFixture.BOB,
        "subject", "forged", "body", "x"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }

  @Test
  void signInWithoutItsFormTokenIsRefused() throws IOException {
    HttpResponse<String> r = new WebClient(fixture).post("/web/signin",
        Map.of("email", WebFixture.ALICE, "password", WebFixture.PASSWORD));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void withoutASessionPagesSendToSignInAndPostsAreRefused() throws IOException {
    WebClient nobody = new WebClient(fixture);
    HttpResponse<String> page = nobody.get("/web/inbox");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/web/signin");
    assertThat(nobody.post("/web/compose", Map.of("to", WebFixture.BOB)).statusCode()).isEqualTo(401);
  }

  @Test
  void theSessionCookieIsHttpOnlySecureAndSameSiteStrict() throws IOException {
    WebClient c = new WebClient(fixture);
    HttpResponse<String> r = c.post("/web/signin", Map.of("email", WebFixture.ALICE, "password", WebFixture.PASSWORD,
        "csrf", c.csrf("/web/signin")));
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(WebUi.SESSION_COOKIE))
        .findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/");
  }

  @Test
  void signingOutEndsTheSessionOnTheServer() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    String csrf = alice.csrf("/web/inbox");
    assertThat(alice.post("/web/signout", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
    assertThat(alice.get("/web/inbox").statusCode()).isEqualTo(303);
  }

  @Test
  void pagesTellBrowsersToUseHttpsFromNowOn() throws IOException {
    HttpResponse<String> r = WebClient.signedIn(fixture, WebFixture.ALICE).get("/web/inbox");
    assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicy() throws IOException {
    HttpResponse<String> r = WebClient.signedIn(fixture, WebFixture.ALICE).get("/web/inbox");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(WebUi.PAGE_CSP);
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).doesNotContainPattern("<script(?! src=\"/web/signet.js\")");
  }

  @Test
  void theWebUiIsNotServedOverPlainHttp() throws IOException {
    HttpResponse<String> r = new WebClient(fixture).send(HttpRequest.newBuilder(URI.create(fixture.http("/web/signin")))
        .GET().build());
    assertThat(r.statusCode()).isEqualTo(308);
    assertThat(r.headers().firstValue("Location")).hasValue(fixture.https("/web/signin"));
    assertThat(r.body()).doesNotContain("password");
  }

  @Test
  void repeatedWrongPasswordsLockTheAccountOutForAWhile() throws IOException {
    fixture.web.accounts().create("carol@example.org", "Carol", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    WebClient c = new WebClient(fixture);
    for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
      assertThat(c.post("/web/signin", Map.of("email", "carol@example.org", "password", "guess " + i,
          "csrf", c.csrf("/web/signin"))).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> right = c.post("/web/signin", Map.of("email", "carol@example.org",
        "password", WebFixture.PASSWORD, "csrf", c.csrf("/web/signin")));
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.body()).contains("Too many failed sign-ins");
  }

  @Test
  void anUnknownMessageShowsAPageWithoutInternals() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    for (String path : List.of("/web/mail/not-a-number", "/web/mail/99999999999")) {
      HttpResponse<String> r = alice.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("Exception", "at dev.signet", "java.");
    }
  }

  @Test
  void markupInASubjectIsShownAsText() throws IOException {
    fixture.deliverPlain(WebFixture.BOB, WebFixture.ALICE, "<script>alert(1)</script>", "<img src=x onerror=alert(2)>");
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    String inbox = alice.get("/web/inbox").body();
    assertThat(inbox).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
    String id = fixture.newest(WebFixture.ALICE).id();
    assertThat(alice.get("/web/mail/" + id).body()).doesNotContain("<img src=x");
  }

  @Test
  void aLineBreakInASubjectIsRefusedAndNothingIsSent() throws IOException {
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();
    HttpResponse<String> r = alice.submit("/web/compose", "/web/compose", Map.of("to", WebFixture.BOB,
        "subject", "hello\r\nBcc: mallory@example.org", "body", "x"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("line breaks are not allowed");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }
}
