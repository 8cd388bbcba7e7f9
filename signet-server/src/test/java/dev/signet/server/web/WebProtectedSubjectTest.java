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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 9788 in the inbox: an encrypted message's Subject is [...] outside, and shown once its reader's IDs are unlocked. */
class WebProtectedSubjectTest {
  private static final String SUBJECT = "Salary review for the team";
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    DigitalId alice = fixture.ids.get(WebFixture.ALICE);
    var bob = new ComposeRequest.Recipient(WebFixture.BOB, Optional.of(fixture.ids.get(WebFixture.BOB).certificate()),
        Set.of());
    ComposePlan plan = ComposePolicy.plan(new ComposeRequest(true, true, false, false, alice, List.of(bob),
        Instant.now()), Policy.defaults());
    String text = "From: " + WebFixture.ALICE + "\r\nTo: " + WebFixture.BOB + "\r\nSubject: " + SUBJECT
        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n";
    ByteArrayOutputStream mail = new ByteArrayOutputStream();
    Smime.withDefaults().compose(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), plan, alice, mail);
    fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), mail.toByteArray());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aLockedInboxShowsOnlyTheObscuredSubject() throws IOException {
    String page = WebClient.signedIn(fixture, WebFixture.BOB).get("/web/inbox").body();
    assertThat(page).contains("[...]").doesNotContain(SUBJECT);
  }

  @Test
  void anUnlockedInboxShowsTheProtectedSubject() throws IOException {
    String page = WebClient.unlocked(fixture, WebFixture.BOB).get("/web/inbox").body();
    assertThat(page).contains(SUBJECT).doesNotContain("[...]");
  }
}
