package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbox shows its newest messages a page at a time, and reads only the page it shows. */
class WebInboxPagesTest {
  private static final int MESSAGES = FolderPages.PAGE_SIZE + 3;
  private static WebFixture fixture;
  private static WebClient bob;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    for (int i = 1; i <= MESSAGES; i++) {
      fixture.deliverPlain(WebFixture.ALICE, WebFixture.BOB, "Note " + i + ".", "number " + i);
    }
    bob = WebClient.signedIn(fixture, WebFixture.BOB);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aMessageWithoutADateShowsWhenItArrived() throws IOException {
    String year = String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());

    assertThat(bob.get("/web/inbox").body()).contains("Note " + (MESSAGES - 1) + ".").contains(" " + year + " ");
  }

  @Test
  void theFirstPageHoldsTheNewestMessagesAndLinksToOlderOnes() throws IOException {
    String page = bob.get("/web/inbox").body();

    assertThat(page).contains("Note " + MESSAGES + ".", "Note 4.", "Page 1 of 2 (" + MESSAGES + " messages)",
        "href=\"/web/inbox?page=2\"").doesNotContain("Note 3.").doesNotContain("id=\"newer\"");
  }

  @Test
  void theLastPageHoldsTheOldestMessagesAndLinksBack() throws IOException {
    String page = bob.get("/web/inbox?page=2").body();

    assertThat(page).contains("Note 1.", "Note 3.", "Page 2 of 2", "href=\"/web/inbox?page=1\"")
        .doesNotContain("Note 4.").doesNotContain("id=\"older\"");
  }

  @Test
  void aPageBeyondTheLastShowsTheLast() throws IOException {
    assertThat(bob.get("/web/inbox?page=99").body()).contains("Note 1.", "Page 2 of 2");
  }

  @Test
  void aPageThatIsNotANumberShowsTheFirst() throws IOException {
    for (String asked : new String[] {"0", "-1", "x", "1e9", "99999999999"}) {
      assertThat(bob.get("/web/inbox?page=" + asked).body()).as(asked).contains("Page 1 of 2");
    }
  }
}
