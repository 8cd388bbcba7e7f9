package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every page of the web UI, over HTTP, runs scripts only from the service: its Content-Security-Policy
 * says script-src 'self', and its HTML has no inline script and no event-handler attribute.
 */
class WebContentSecurityTest {
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern EVENT_HANDLER = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  private static WebFixture fixture;
  private static BobsMail mail;
  private static final Map<String, WebClient> CLIENTS = new HashMap<>();

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    mail = BobsMail.in(fixture);
    CLIENTS.put(WebPage.NOBODY, new WebClient(fixture));
    CLIENTS.put(WebFixture.BOB, WebClient.unlocked(fixture, WebFixture.BOB));
    CLIENTS.put(WebFixture.ADMIN, WebClient.signedIn(fixture, WebFixture.ADMIN));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.signet.server.web.WebPage#all")
  void thePageAllowsScriptsOnlyFromTheService(WebPage page) throws IOException {
    HttpResponse<String> r = CLIENTS.get(page.who()).get(page.path().apply(mail));

    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval"));
    assertThat(r.body()).contains("<script src=\"/web/signet.js\"")
        .doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(EVENT_HANDLER);
  }

  @Test
  void theShortcutScriptIsServedAsJavaScriptAndCached() throws IOException {
    HttpResponse<String> r = new WebClient(fixture).get("/web/signet.js");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=3600");
    assertThat(r.body()).contains("addEventListener('keydown'");
  }
}
