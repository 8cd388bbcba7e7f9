package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Every page of the web UI, as a person (Bob, digital IDs unlocked) and as an administrator sees it in
 * Chromium, checked with axe-core (no violation of impact serious or critical) and for buttons that
 * would sound alike (every one named, no two named the same).
 */
@ExtendWith(WebInChromium.class)
class WebAccessibilityTest {
  private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

  private static WebFixture fixture;
  private static BobsMail mail;
  private static Browser browser;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.signet.server.web.WebPage#all")
  void thePageHasNoSeriousOrCriticalAccessibilityViolation(WebPage page) {
    browser.as(page.who());
    browser.open(page.path().apply(mail));

    List<String> violations = new AxeBuilder().analyze(browser.driver).getViolations().stream()
        .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
        .map(WebAccessibilityTest::describe).toList();

    assertThat(violations).as("axe-core on " + page).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.signet.server.web.WebPage#all")
  void everyButtonOnThePageHasADistinctName(WebPage page) {
    browser.as(page.who());
    browser.open(page.path().apply(mail));

    List<String> names = browser.driver.findElements(By.cssSelector("button, input[type=submit]")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getAccessibleName).toList();

    assertThat(names).as("the buttons' accessible names on " + page).doesNotContain("").doesNotHaveDuplicates();
  }

  private static String describe(Rule rule) {
    return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget()) + " " + n.getHtml())
            .collect(Collectors.joining("; "));
  }
}
