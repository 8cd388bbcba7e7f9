package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Searching one's mail in headless Chromium, from the search box every mail page carries. */
@ExtendWith(WebInChromium.class)
class WebSearchBrowserTest {
  private static WebFixture fixture;
  private static WebDriver browser;

  @Test
  void bobTypesASearchInTheBoxAndSeesTheMessageItFinds() throws IOException {
    deliver("Harbour lunch plan", "Shall we meet at noon?");
    deliver("Invoice 4711", "Please pay within 30 days.");
    Chromium.signIn(browser, fixture, WebFixture.BOB, () -> { });

    WebElement box = browser.findElement(By.id("search-box"));
    box.sendKeys("harbour");
    box.sendKeys(Keys.ENTER);

    WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='Harbour lunch plan']]"));
    assertThat(browser.getCurrentUrl()).endsWith("/web/search?q=harbour");
    assertThat(row.getText()).contains(WebFixture.ALICE);
    assertThat(browser.findElement(By.id("inbox")).getText()).doesNotContain("Invoice 4711");
    assertThat(browser.findElement(By.id("search-text")).getAttribute("value")).isEqualTo("harbour");
    Chromium.shot(browser, "search-01-found");
  }

  private static void deliver(String subject, String body) {
    String text = "From: " + WebFixture.ALICE + "\r\nTo: " + WebFixture.BOB + "\r\nSubject: " + subject
        + "\r\nDate: Tue, 10 Feb 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    fixture.web.mailboxes().deliver(WebFixture.ALICE, List.of(WebFixture.BOB), text.getBytes(StandardCharsets.UTF_8));
  }
}
