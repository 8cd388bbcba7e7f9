package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The web mail at any width from a 400 px phone to a desktop, in Chromium: the page itself never scrolls
 * sideways (tables reflow or scroll in their own box) and the nav becomes a plain list. Screenshots at
 * both widths go to target/screenshots (400-*.png, 1280-*.png).
 */
@ExtendWith(WebInChromium.class)
class WebNarrowScreenTest {
  private static final int PHONE = 400;
  private static final int DESKTOP = 1280;

  private static WebFixture fixture;
  private static BobsMail mail;
  private static Browser browser;

  static Stream<WebPage> pages() {
    Set<String> names = Set.of("inbox", "signed message", "compose", "policy");
    return WebPage.all().filter(page -> names.contains(page.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void thePageDoesNotScrollSidewaysOnAPhone(WebPage page) throws IOException {
    assertThat(widthOf(page, PHONE)).isLessThanOrEqualTo(PHONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void thePageDoesNotScrollSidewaysOnADesktop(WebPage page) throws IOException {
    assertThat(widthOf(page, DESKTOP)).isLessThanOrEqualTo(DESKTOP);
  }

  @Test
  void theNavIsAListOfOneLinkALineOnAPhone() {
    browser.as(WebFixture.BOB);
    browser.resize(PHONE, 800);
    browser.open("/web/inbox");

    List<Integer> tops = browser.driver.findElements(By.cssSelector("nav[aria-label=Main] a")).stream()
        .map(WebElement::getLocation).map(p -> p.getY()).toList();

    assertThat(tops).hasSize(6).isSorted().doesNotHaveDuplicates();
  }

  /** The width of {@code page}'s whole document in a window {@code windowWidth} pixels wide, its screenshot saved. */
  private static long widthOf(WebPage page, int windowWidth) throws IOException {
    browser.as(page.who());
    browser.resize(windowWidth, 800);
    browser.open(page.path().apply(mail));
    JavascriptExecutor js = (JavascriptExecutor) browser.driver;
    assertThat((Long) js.executeScript("return window.innerWidth")).as("the window's width").isLessThanOrEqualTo(windowWidth);
    browser.shot(windowWidth + "-" + page.name().replace(' ', '-'));
    return (Long) js.executeScript("return document.documentElement.scrollWidth");
  }
}
