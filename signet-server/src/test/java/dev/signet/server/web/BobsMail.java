package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Mail on every page of Bob's web mail, for the tests that look at the pages: from Alice a signed
 * message, a signed and encrypted one and one whose signature is broken (its ids here), a message Bob
 * sent and a draft he kept.
 */
record BobsMail(String signed, String encrypted, String broken) {

  static BobsMail in(WebFixture fixture) throws IOException {
    WebClient bob = WebClient.unlocked(fixture, WebFixture.BOB);
    compose(bob, WebFixture.ALICE, "send", "Lunch on Friday?", "sign");
    compose(bob, WebFixture.ALICE, "save", "Notes for the review", "sign");
    WebClient alice = WebClient.unlocked(fixture, WebFixture.ALICE);
    compose(alice, WebFixture.BOB, "send", "Minutes of the meeting", "sign");
    String signed = fixture.newest(WebFixture.BOB).id();
    compose(alice, WebFixture.BOB, "send", "Salary review", "sign", "encrypt");
    String encrypted = fixture.newest(WebFixture.BOB).id();
    fixture.deliverTampered(fixture.ids.get(WebFixture.ALICE), WebFixture.ALICE, WebFixture.BOB, "Payment order");
    return new BobsMail(signed, encrypted, fixture.newest(WebFixture.BOB).id());
  }

  /** Sends to {@code to}, or saves as a draft ({@code action} "send" or "save"), with the boxes {@code ticked}. */
  private static void compose(WebClient from, String to, String action, String subject, String... ticked)
      throws IOException {
    List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("to", to), Map.entry("subject", subject),
        Map.entry("body", subject + " See you there."), Map.entry("action", action)));
    Arrays.stream(ticked).forEach(box -> fields.add(Map.entry(box, "1")));
    HttpResponse<String> r = from.postMultipart("/web/compose", "/web/compose", fields, List.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
  }
}
