package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security-label picker of compose: labels from the installed policy module (Signet's example
 * policy), signed into the message as an ESS securityLabel, shown as a marking to the reader; the
 * organisation's ForceSecurityLabel and ForceSecurityLabelX shown locked and enforced.
 */
class WebLabelTest {
  private static final String EXAMPLE = "2.25.222700090146879539320685459118652389175";

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

  /** Alice sends Bob a clear-signed message with the label fields {@code label}. */
  private static HttpResponse<String> sendToBob(String subject, List<Map.Entry<String, String>> label)
      throws IOException {
    List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("to", WebFixture.BOB),
        Map.entry("subject", subject), Map.entry("body", "labelled"), Map.entry("sign", "1"), Map.entry("clear", "1")));
    fields.addAll(label);
    return alice.postMultipart("/web/compose", "/web/compose", fields, List.of());
  }

  private static SecurityLabel example(int classification, Optional<String> mark, String... compartments) {
    return new SecurityLabel(EXAMPLE, OptionalInt.of(classification), mark, java.util.Arrays.stream(compartments)
        .map(c -> SecurityLabel.Category.text(EXAMPLE + ".1", c)).toList());
  }

  @Test
  void composeOffersTheExamplePolicysClassificationsAndCompartments() throws IOException {
    String page = alice.get("/web/compose").body();

    assertThat(page).contains(">no label<", "Example Corp information classification: PUBLIC<",
        "Example Corp information classification: SECRET<", "value=\"" + EXAMPLE + ":3\"", "id=\"category-FINANCE\"",
        "id=\"category-RESEARCH\"", "id=\"label-mark\"");
  }

  @Test
  void thePickedLabelIsSignedIntoTheMessageAndBobSeesItsMarking() throws IOException {
    HttpResponse<String> r = sendToBob("Board minutes", List.of(Map.entry("label-level", EXAMPLE + ":3"),
        Map.entry("label-category", EXAMPLE + ":0"), Map.entry("label-category", EXAMPLE + ":2"),
        Map.entry("label-mark", "Board only")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);

    Mailboxes.Message m = fixture.newest(WebFixture.BOB);
    SecurityReport report = Smime.withDefaults().read(new ByteArrayInputStream(m.raw()),
        ReadOptions.verify(List.of(fixture.root())), OutputStream.nullOutputStream());
    SecurityLabel expected = example(3, Optional.of("Board only"), "FINANCE", "LEGAL");
    assertThat(report.securityLabel()).hasValueSatisfying(l -> {
      assertThat(l.policy()).isEqualTo(EXAMPLE);
      assertThat(l.classification()).isEqualTo(expected.classification());
      assertThat(l.privacyMark()).isEqualTo(expected.privacyMark());
      assertThat(l.categories()).containsExactlyInAnyOrderElementsOf(expected.categories()); // a DER SET OF is sorted
    });
    assertThat(bob.get("/web/mail/" + m.id()).body())
        .contains("Security label: CONFIDENTIAL FINANCE LEGAL (Board only)");
  }

  @Test
  void noLabelPickedSendsNoLabel() throws IOException {
    sendToBob("Unlabelled", List.of(Map.entry("label-level", "")));

    assertThat(bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body()).doesNotContain("Security label:");
  }

  @Test
  void aClassificationThePolicyDoesNotOfferIsRefusedAndNothingIsSent() throws IOException {
    int before = fixture.web.mailboxes().list(WebFixture.BOB).size();

    HttpResponse<String> r = sendToBob("Bad level", List.of(Map.entry("label-level", EXAMPLE + ":9")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("That classification is not offered by Example Corp information classification.");
    assertThat(fixture.web.mailboxes().list(WebFixture.BOB)).hasSize(before);
  }

  @Test
  void aCategoryWithoutAClassificationIsRefused() throws IOException {
    HttpResponse<String> r = sendToBob("Half a label", List.of(Map.entry("label-level", ""),
        Map.entry("label-category", EXAMPLE + ":1")));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Choose a classification for the security label");
  }

  @Test
  void forceSecurityLabelXIsShownLockedAndReplacesThePersonsPick() throws IOException {
    admin.setPolicy("ForceSecurityLabelX", HexFormat.of().formatHex(example(4, Optional.empty(), "LEGAL").toDer()));
    try {
      String page = alice.get("/web/compose").body();
      assertThat(page).contains("id=\"label-lock\"", "locked: set by your organisation (ForceSecurityLabelX)",
          "SECRET LEGAL").doesNotContain("name=\"label-level\"");

      sendToBob("Forced label", List.of(Map.entry("label-level", EXAMPLE + ":1")));
      assertThat(bob.get("/web/mail/" + fixture.newest(WebFixture.BOB).id()).body()).contains("Security label: SECRET LEGAL");
    } finally {
      admin.setPolicy("ForceSecurityLabelX", "");
    }
  }

  @Test
  void forceSecurityLabelOffersNoUnlabelledChoiceAndRefusesAMessageWithoutOne() throws IOException {
    admin.setPolicy("ForceSecurityLabel", "1");
    try {
      String page = alice.get("/web/compose").body();
      assertThat(page).contains("id=\"label-required\"", "(ForceSecurityLabel = 1)").doesNotContain(">no label<")
          .containsPattern("value=\"" + EXAMPLE + ":2\" selected");

      HttpResponse<String> r = sendToBob("No label", List.of(Map.entry("label-level", "")));
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.body()).contains("cannot be sent without a security label");
    } finally {
      admin.setPolicy("ForceSecurityLabel", "");
    }
  }
}
