package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guessing through the web UI is slowed down: wrong enrollment tokens lock enrollment for a while,
 * even for the right token, and one network address that guesses passwords across many accounts
 * is refused once it has failed {@link LoginLimiter#MAX_FAILURES_PER_ADDRESS} times. (One account's
 * lock-out is in WebSecurityTest, its end in WebSessionTimeTest.)
 */
class WebBruteForceTest {

  @Test
  void wrongEnrollmentTokensLockEnrollmentEvenForTheRightToken() throws IOException {
    try (WebFixture fixture = WebFixture.start()) {
      fixture.web.accounts().create("heidi@example.org", "Heidi", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
      WebClient heidi = WebClient.signedIn(fixture, "heidi@example.org");
      for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
        assertThat(enroll(heidi, "guessed-token-" + i).statusCode()).isEqualTo(400);
      }
      HttpResponse<String> right = enroll(heidi, fixture.token("heidi@example.org"));
      assertThat(right.statusCode()).isEqualTo(429);
      assertThat(right.body()).contains("Too many wrong tokens");
      assertThat(heidi.get("/web/ids").body()).doesNotContain("CN=Example Org CA");
    }
  }

  @Test
  void oneAddressGuessingAcrossManyAccountsIsRefused() throws IOException {
    try (WebFixture fixture = WebFixture.start()) {
      WebClient guesser = new WebClient(fixture);
      for (int i = 0; i < LoginLimiter.MAX_FAILURES_PER_ADDRESS; i++) {
        assertThat(signIn(guesser, "person" + i + "@example.org", "guess").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> right = signIn(guesser, WebFixture.ALICE, WebFixture.PASSWORD);
      assertThat(right.statusCode()).isEqualTo(429);
      assertThat(right.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(WebUi.SESSION_COOKIE + "=")
          && !c.startsWith(WebUi.SESSION_COOKIE + "=;"));
    }
  }

  private static HttpResponse<String> enroll(WebClient client, String token) throws IOException {
    return client.submit("/web/ids", "/web/ids/enroll", Map.of("token", token, "password", "heidi's ID password"));
  }

  private static HttpResponse<String> signIn(WebClient client, String email, String password) throws IOException {
    return client.post("/web/signin", Map.of("email", email, "password", password, "csrf", client.csrf("/web/signin")));
  }
}
