package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** At sign-in, a person whose digital IDs are locked is offered to unlock them at once, then goes on to the inbox. */
class WebUnlockOfferTest {
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
  void signingInWithLockedDigitalIdsLeadsToTheUnlockOffer() throws IOException {
    WebClient alice = new WebClient(fixture);
    assertThat(signIn(alice, WebFixture.ALICE).headers().firstValue("Location")).hasValue("/web/unlock");
    String offer = alice.get("/web/unlock").body();
    assertThat(offer).contains("<input type=\"password\" name=\"password\" id=\"id-password\"",
        "<a href=\"/web/inbox\" id=\"not-now\">Not now</a>");
  }

  @Test
  void unlockingThereOpensTheIdsAndGoesOnToTheInbox() throws IOException {
    WebClient alice = new WebClient(fixture);
    signIn(alice, WebFixture.ALICE);
    HttpResponse<String> unlocked = alice.submit("/web/unlock", "/web/unlock",
        Map.of("password", WebFixture.ID_PASSWORD));
    assertThat(unlocked.headers().firstValue("Location")).hasValue("/web/inbox");
    assertThat(alice.get("/web/ids").body()).contains("Unlocked for this session");
  }

  @Test
  void aWrongPasswordThereSaysSoAndOffersAgain() throws IOException {
    WebClient bob = new WebClient(fixture);
    signIn(bob, WebFixture.BOB);
    HttpResponse<String> wrong = bob.submit("/web/unlock", "/web/unlock", Map.of("password", "not it"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("That password does not open your digital IDs.", "id=\"not-now\"");
  }

  @Test
  void aPersonWithoutDigitalIdsGoesStraightToTheInbox() throws IOException {
    fixture.web.accounts().create("hana@example.org", "Hana", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    assertThat(signIn(new WebClient(fixture), "hana@example.org").headers().firstValue("Location"))
        .hasValue("/web/inbox");
  }

  private static HttpResponse<String> signIn(WebClient c, String email) throws IOException {
    return c.submit("/web/signin", "/web/signin", Map.of("email", email, "password", WebFixture.PASSWORD));
  }
}
