package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of the suite): how long searching 1,000 encrypted messages of
 * 4 KiB takes over HTTP with the IDs unlocked, request by request as the page goes on. Run it with
 * {@code -Dtest=SearchTimeMeasurement}; the figures go to standard output.
 */
class SearchTimeMeasurement {
  private static final int MESSAGES = 1000;

  @Test
  void searchAThousandEncryptedMessages() throws IOException {
    try (WebFixture fixture = WebFixture.start()) {
      DigitalId alice = fixture.ids.get(WebFixture.ALICE);
      var bob = new ComposeRequest.Recipient(WebFixture.BOB,
          Optional.of(fixture.ids.get(WebFixture.BOB).certificate()), Set.of());
      ComposePlan plan = ComposePolicy.plan(new ComposeRequest(true, true, false, false, alice, List.of(bob),
          Instant.now()), Policy.defaults());
      String filler = "The quarterly figures are attached in spirit and will follow. ".repeat(70).substring(0, 4096);
      for (int i = 0; i < MESSAGES; i++) {
        String text = "From: " + WebFixture.ALICE + "\r\nTo: " + WebFixture.BOB + "\r\nSubject: Report " + i
            + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + filler + (i == 7 ? " zeppelin" : "") + "\r\n";
        ByteArrayOutputStream mail = new ByteArrayOutputStream();
        Smime.withDefaults().compose(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), plan, alice, mail);
        fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), mail.toByteArray());
      }
      WebClient client = WebClient.unlocked(fixture, WebFixture.BOB);
      client.get("/web/search?q=warm-up");
      long all = System.nanoTime();
      String next = "/web/search?q=zeppelin";
      int requests = 0;
      boolean found = false;
      while (next != null) {
        long one = System.nanoTime();
        String page = client.get(next).body();
        requests++;
        found |= page.contains(">Report 7<");
        System.out.printf("search request %d (%s): %d ms%n", requests, next, (System.nanoTime() - one) / 1_000_000);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"continue\" href=\"([^\"]+)\"").matcher(page);
        next = m.find() ? m.group(1).replace("&amp;", "&") : null;
      }
      System.out.printf("searched %d encrypted 4 KiB messages in %d requests: %d ms in all%n", MESSAGES, requests,
          (System.nanoTime() - all) / 1_000_000);
      assertThat(found).isTrue();
    }
  }
}
