package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A locked digital ID is a neutral state, "locked: unlock to read", never a problem (issue 18). */
class WebLockedIdTest {
  private static WebFixture fixture;
  private static String encrypted;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    WebClient.unlocked(fixture, WebFixture.BOB); // Bob gets his digital ID
    HttpResponse<String> sent = WebClient.unlocked(fixture, WebFixture.ALICE).postMultipart("/web/compose",
        "/web/compose", List.of(Map.entry("to", WebFixture.BOB), Map.entry("subject", "Sealed"),
            Map.entry("body", "For Bob."), Map.entry("sign", "1"), Map.entry("encrypt", "1")), List.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    encrypted = fixture.newest(WebFixture.BOB).id();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void anEncryptedMessageIsMarkedLockedNotAProblemInTheInboxWhileTheIdsAreLocked() throws IOException {
    String inbox = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/inbox").body();

    assertThat(inbox).contains("locked: unlock to read").doesNotContain("mark warning").doesNotContain("class=\"warn\"");
  }

  @Test
  void theMessageSaysUnlockToReadWithoutARedBannerOrANoMatchingIdProblem() throws IOException {
    String page = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/mail/" + encrypted).body();

    assertThat(page).contains("class=\"banner locked\"").contains("Encrypted: locked, unlock your digital IDs to read")
        .contains("<p class=\"keys\" id=\"need-key\">").doesNotContain("no matching digital ID")
        .doesNotContain("NO_DECRYPTION_KEY");
  }

  @Test
  void onceUnlockedTheMessageOpens() throws IOException {
    String page = WebClient.unlocked(fixture, WebFixture.BOB).get("/web/mail/" + encrypted).body();

    assertThat(page).contains("For Bob.").doesNotContain("locked: unlock");
  }
}
