package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.testkit.TestClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new organisation's first administrator: from a single-use, expiring set-up link the service
 * prints, or from credentials it is given; never a second one that way.
 */
class FirstAdministratorTest {
  private static final String DOMAIN = "example.org";
  private static final String PASSWORD = "first admin password";

  private final TestClock clock = TestClock.realTime();
  private BareService bare;
  private FirstAdministrator setup;

  @BeforeEach
  void start() throws IOException {
    bare = BareService.start("127.0.0.1", List.of(), clock);
    setup = bare.web.firstAdministrator();
  }

  @AfterEach
  void stop() {
    bare.close();
  }

  @Test
  void aNewOrganisationGetsASetUpLinkThatOpensTheForm() throws IOException {
    String token = link();

    HttpResponse<String> page = bare.client().get("/web/setup?token=" + token);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("has no administrator yet").contains("name=\"token\" value=\"" + token + "\"");
  }

  @Test
  void theLinkMakesAnAdministratorWhoCanSignIn() throws IOException {
    WebClient browser = bare.client();

    HttpResponse<String> done = submit(browser, link(), "root@example.org", PASSWORD);

    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).hasValue("/web/signin");
    assertThat(bare.web.accounts().find("root@example.org")).hasValueSatisfying(p -> assertThat(p.isAdmin()).isTrue());
    HttpResponse<String> signedIn = browser.post("/web/signin", Map.of("email", "root@example.org", "password", PASSWORD,
        "csrf", browser.csrf("/web/signin")));
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/web/admin/policy");
  }

  @Test
  void theLinkWorksOnce() throws IOException {
    String token = link();
    submit(bare.client(), token, "root@example.org", PASSWORD);

    assertThat(bare.client().get("/web/setup?token=" + token).statusCode()).isEqualTo(404);
    WebClient other = bare.client();
    String csrf = other.csrf("/web/signin"); // a pre-sign-in token of its own, as a browser would have
    HttpResponse<String> again = other.post("/web/setup", Map.of("csrf", csrf, "token", token, "email",
        "mallory@example.org", "password", PASSWORD, "again", PASSWORD));
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(bare.web.accounts().find("mallory@example.org")).isEmpty();
  }

  @Test
  void makingTheAdministratorEndsEveryOtherSetUpLink() throws IOException {
    String first = link();
    String second = link();
    submit(bare.client(), first, "root@example.org", PASSWORD);

    assertThat(bare.client().get("/web/setup?token=" + second).statusCode()).isEqualTo(404);
  }

  @Test
  void anAddressOutsideTheOrganisationIsRefusedAndTheLinkStillWorks() throws IOException {
    String token = link();

    HttpResponse<String> refused = submit(bare.client(), token, "root@elsewhere.example", PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("must be in example.org");
    assertThat(submit(bare.client(), token, "root@example.org", PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void aShortPasswordIsRefused() throws IOException {
    HttpResponse<String> refused = submit(bare.client(), link(), "root@example.org", "short");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("at least 8 characters");
    assertThat(bare.web.accounts().list()).isEmpty();
  }

  @Test
  void theFormWithoutItsSecurityTokenIsRefused() throws IOException {
    String token = link();

    HttpResponse<String> forged = bare.client().post("/web/setup", Map.of("token", token, "email", "root@example.org",
        "password", PASSWORD, "again", PASSWORD));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(bare.web.accounts().list()).isEmpty();
  }

  @Test
  void anExpiredLinkIsRefused() throws IOException {
    String token = link();
    clock.advance(FirstAdministrator.TOKEN_LIFETIME.plus(Duration.ofMinutes(1)));

    assertThat(bare.client().get("/web/setup?token=" + token).statusCode()).isEqualTo(404);
  }

  @Test
  void wrongTokensAreRateLimited() throws IOException {
    String token = link();
    WebClient guesser = bare.client();
    for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
      assertThat(guesser.get("/web/setup?token=guess" + i).statusCode()).isEqualTo(404);
    }

    assertThat(guesser.get("/web/setup?token=" + token).statusCode()).isEqualTo(429);
  }

  @Test
  void onlyTheTokensHashIsKept() {
    String token = link();

    List<String> kept;
    try (WebDatabase db = new WebDatabase(bare.database)) {
      kept = db.query("SELECT token_hash FROM web_setup_token", r -> r.getString(1));
    }

    assertThat(kept).containsExactly(Sessions.hash(token)).doesNotContain(token);
  }

  @Test
  void givenCredentialsMakeTheAdministratorWithoutALink() {
    FirstAdministrator.Outcome made = setup.begin(DOMAIN, Optional.of(credentials("root@example.org")));

    assertThat(made).isEqualTo(new FirstAdministrator.Outcome.Created("root@example.org"));
    assertThat(bare.web.accounts().find("root@example.org")).hasValueSatisfying(p -> assertThat(p.isAdmin()).isTrue());
    assertThat(bare.web.accounts().passwordMatches("root@example.org", PASSWORD.toCharArray())).isTrue();
  }

  @Test
  void onceThereIsAnAdministratorNothingMoreIsMade() {
    setup.begin(DOMAIN, Optional.of(credentials("root@example.org")));

    assertThat(setup.begin(DOMAIN, Optional.of(credentials("second@example.org"))))
        .isInstanceOf(FirstAdministrator.Outcome.AlreadySetUp.class);
    assertThat(setup.begin(DOMAIN, Optional.empty())).isInstanceOf(FirstAdministrator.Outcome.AlreadySetUp.class);
    assertThat(bare.web.accounts().find("second@example.org")).isEmpty();
  }

  @Test
  void givenCredentialsOutsideTheDomainAreRefused() {
    assertThatThrownBy(() -> setup.begin(DOMAIN, Optional.of(credentials("root@example.org.evil.example"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be in example.org");
    assertThat(bare.web.accounts().list()).isEmpty();
  }

  private String link() {
    FirstAdministrator.Outcome outcome = setup.begin(DOMAIN, Optional.empty());
    assertThat(outcome).isInstanceOf(FirstAdministrator.Outcome.Link.class);
    return ((FirstAdministrator.Outcome.Link) outcome).token();
  }

  private static FirstAdministrator.Credentials credentials(String email) {
    return new FirstAdministrator.Credentials(email, PASSWORD.toCharArray());
  }

  /** Opens the link and posts its form, as a browser does. */
  private static HttpResponse<String> submit(WebClient browser, String token, String email, String password)
      throws IOException {
    return browser.submit("/web/setup?token=" + token, "/web/setup", Map.of("token", token, "email", email,
        "password", password, "again", password));
  }
}
