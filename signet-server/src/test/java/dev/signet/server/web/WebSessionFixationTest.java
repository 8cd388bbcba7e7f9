package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session fixation and replay: cookies are sent by hand here, as an attacker who planted one or
 * copied one would send them. A session value chosen before sign-in is never taken on; every sign-in
 * makes a new session; a signed-out session is gone on the server, so its cookie opens nothing.
 */
class WebSessionFixationTest {
  private static final String PLANTED = "planted-by-mallory-before-alice-signs-in";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static WebFixture fixture;
  private static HttpClient http;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    http = HttpClient.newBuilder().sslContext(WebClient.trusting(fixture.root()))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aSessionCookiePlantedBeforeSignInIsReplacedAndOpensNothing() throws IOException {
    String session = signIn(WebFixture.ALICE, Optional.of(PLANTED));
    assertThat(session).isNotEqualTo(PLANTED).hasSizeGreaterThanOrEqualTo(43);
    assertThat(get("/web/inbox", PLANTED).statusCode()).isEqualTo(303);
    assertThat(get("/web/inbox", session).statusCode()).isEqualTo(200);
  }

  @Test
  void everySignInMakesANewSession() throws IOException {
    String first = signIn(WebFixture.BOB, Optional.empty());
    String second = signIn(WebFixture.BOB, Optional.of(first));
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aCookieReplayedAfterSignOutOpensNothing() throws IOException {
    String session = signIn(WebFixture.ALICE, Optional.empty());
    HttpResponse<String> inbox = get("/web/inbox", session);
    Matcher csrf = CSRF.matcher(inbox.body());
    assertThat(csrf.find()).isTrue();
    assertThat(post("/web/signout", "__Host-signet-session=" + session, Map.of("csrf", csrf.group(1))).statusCode())
        .isEqualTo(303);

    assertThat(get("/web/inbox", session).statusCode()).isEqualTo(303);
    assertThat(post("/web/compose", "__Host-signet-session=" + session, Map.of("csrf", csrf.group(1),
        "to", WebFixture.BOB, "subject", "replayed", "body", "x")).statusCode()).isEqualTo(401);
  }

  /** Signs in as a browser would, sending {@code carried} as the session cookie throughout; the new session's value. */
  private static String signIn(String email, Optional<String> carried) throws IOException {
    String prior = carried.map(c -> WebUi.SESSION_COOKIE + "=" + c).orElse("");
    HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(fixture.https("/web/signin"))).GET(), prior);
    Matcher csrf = CSRF.matcher(form.body());
    assertThat(csrf.find()).isTrue();
    String pre = cookie(form, WebUi.PRE_COOKIE).orElseThrow();
    HttpResponse<String> signedIn = post("/web/signin", join(prior, WebUi.PRE_COOKIE + "=" + pre),
        Map.of("email", email, "password", WebFixture.PASSWORD, "csrf", csrf.group(1)));
    assertThat(signedIn.statusCode()).isEqualTo(303);
    return cookie(signedIn, WebUi.SESSION_COOKIE).orElseThrow();
  }

  private static HttpResponse<String> get(String path, String session) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(fixture.https(path))).GET(), WebUi.SESSION_COOKIE + "=" + session);
  }

  private static HttpResponse<String> post(String path, String cookies, Map<String, String> form) throws IOException {
    String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(fixture.https(path)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)),
        cookies);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String cookies) throws IOException {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Optional<String> cookie(HttpResponse<String> r, String name) {
    return r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "="))
        .map(h -> h.substring(name.length() + 1, h.indexOf(';') < 0 ? h.length() : h.indexOf(';')))
        .filter(v -> !v.isEmpty()).findFirst();
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
