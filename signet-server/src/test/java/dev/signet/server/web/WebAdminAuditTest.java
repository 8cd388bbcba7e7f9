package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log on the administrator's console: newest first, filtered by text and dates, paged. */
class WebAdminAuditTest {
  private static final String PAGE = "/web/admin/audit";
  private static WebFixture fixture;
  private static WebClient admin;
  /** The UTC days on which the events were made: two when the suite runs across midnight. */
  private static LocalDate firstDay;
  private static LocalDate lastDay;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
    admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    firstDay = LocalDate.now(ZoneOffset.UTC);
    for (int i = 0; i < AuditPage.PAGE_SIZE + 5; i++) { // more than a page of events
      admin.submit(PAGE, "/web/admin/policy", Map.of("name", "NeedEncryptionString", "value", "Ask desk " + i));
    }
    lastDay = LocalDate.now(ZoneOffset.UTC);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void theNewestEventComesFirst() throws IOException {
    String page = admin.get(PAGE).body();
    int newest = page.indexOf("Ask desk " + (AuditPage.PAGE_SIZE + 4) + "<");
    int older = page.indexOf("Ask desk " + AuditPage.PAGE_SIZE + "<");
    assertThat(newest).isPositive().isLessThan(older);
  }

  @Test
  void aPageHoldsAtMostPageSizeEventsAndLinksToTheOlderOnes() throws IOException {
    String first = admin.get(PAGE).body();
    assertThat(first.split("<tr><td>", -1)).hasSize(AuditPage.PAGE_SIZE + 1);
    assertThat(first).contains("id=\"older\"").doesNotContain("id=\"newer\"");
    String second = admin.get(PAGE + "?q=&from=&until=&page=2").body();
    assertThat(second).contains("Ask desk 0<", "id=\"newer\"");
  }

  @Test
  void textFiltersOnActorActionAndDetailInAnyCase() throws IOException {
    String page = admin.get(PAGE + "?q=ASK+DESK+1").body();
    assertThat(page).contains("Ask desk 1<", "Ask desk 10<").doesNotContain("Ask desk 2<");
    assertThat(admin.get(PAGE + "?q=" + "init").body()).doesNotContain("Ask desk");
  }

  @Test
  void aDateRangeKeepsOnlyItsDays() throws IOException {
    assertThat(admin.get(PAGE + "?from=" + firstDay + "&until=" + lastDay).body()).contains("Ask desk");
    assertThat(admin.get(PAGE + "?until=" + firstDay.minusDays(1)).body()).doesNotContain("Ask desk")
        .contains("0 events");
    assertThat(admin.get(PAGE + "?from=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void aFilterTextIsShownEscaped() throws IOException {
    assertThat(admin.get(PAGE + "?q=%3Cscript%3E").body()).contains("value=\"&lt;script>\"").doesNotContain("<script>");
  }
}
