package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.mail.Profile;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web takes the person's decisions from signet-mail, as the command line does: content release
 * under Options, expired IDs, receipt answers (the rules themselves are specified in signet-mail's tests).
 */
class WebPersonSideTest {
  private static WebFixture fixture;
  private static WebClient alice;
  private static WebClient bob;
  private static WebClient admin;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    bob = WebClient.unlocked(fixture, WebFixture.BOB);
    admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void defaultPolicy() throws IOException {
    admin.setPolicy("Options", "");
    admin.setPolicy("RespondToReceiptRequest", "");
  }

  @Test
  void underOptionsOneAMessageWhoseOnlyErrorIsItsSignatureOpensWithoutTheProblemPage() throws IOException {
    admin.setPolicy("Options", "1");
    fixture.deliverTampered(fixture.ids.get(WebFixture.ALICE), WebFixture.ALICE, WebFixture.BOB, "Altered");

    assertThat(bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body()).doesNotContain("id=\"problem\"");
  }

  @Test
  void underOptionsOneAnotherErrorBesideTheSignatureStillWarnsFirst() throws IOException {
    admin.setPolicy("Options", "1");
    DigitalId expired = DigitalId.selfSigned(WebFixture.ALICE, "Alice", KeyType.EC_P256,
        Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC), new SecureRandom());
    fixture.deliverTampered(expired, WebFixture.ALICE, WebFixture.BOB, "Altered, expired");

    assertThat(bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body()).contains("id=\"problem\"");
  }

  @Test
  void aProfileWhoseSigningIdExpiredIsRefusedAndNothingIsSent() throws IOException {
    DigitalId expired = DigitalId.selfSigned(WebFixture.ALICE, "Alice", KeyType.EC_P256,
        Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC), new SecureRandom());
    StoredId old = fixture.web.keepDigitalId(WebFixture.ALICE, expired, WebFixture.ID_PASSWORD.toCharArray(), true);
    fixture.web.idStore(WebFixture.ALICE).addProfile(new Profile("old", old.name(), Optional.empty(),
        DigestAlgorithm.SHA_256, ContentCipher.AES_128_GCM, true, Optional.empty()));
    WebClient unlockedAgain = WebClient.unlocked(fixture, WebFixture.ALICE);
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();

    HttpResponse<String> r = unlockedAgain.postMultipart("/web/compose", "/web/compose", List.of(
        Map.entry("to", WebFixture.BOB), Map.entry("subject", "From an old ID"), Map.entry("body", "hello"),
        Map.entry("sign", "1"), Map.entry("profile", "old")), List.of());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("is not valid now");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }

  @Test
  void underRespondToReceiptRequestTwoTheReaderIsToldReceiptsAreNeverSent() throws IOException {
    admin.setPolicy("RespondToReceiptRequest", "2");
    HttpResponse<String> sent = alice.postMultipart("/web/compose", "/web/compose", List.of(
        Map.entry("to", WebFixture.BOB), Map.entry("subject", "Confirm"), Map.entry("body", "Please confirm."),
        Map.entry("sign", "1"), Map.entry("receipt", "1")), List.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    String id = fixture.newest(WebFixture.BOB).id();

    assertThat(bob.get("/web/mail/" + id).body()).doesNotContain("id=\"send-receipt\"");
    assertThat(bob.submit("/web/mail/" + id, "/web/mail/" + id + "/receipt", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void theDetailsListWhatWasCheckedApartFromProblems() throws IOException {
    HttpResponse<String> sent = alice.postMultipart("/web/compose", "/web/compose", List.of(
        Map.entry("to", WebFixture.BOB), Map.entry("subject", "Checked"), Map.entry("body", "Fine."),
        Map.entry("sign", "1")), List.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);

    String page = bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body();

    assertThat(page).contains("id=\"no-problems\"").contains("id=\"checks\"").contains("revocation judged at")
        .doesNotContain(">REVOCATION_CHECKED<");
  }
}
