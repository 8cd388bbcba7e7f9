package dev.signet.server.web;

import dev.signet.testkit.ExternalTool;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests, trusting exactly a fixture's service, its downloads in
 * target/downloads; screenshots go to target/screenshots.
 */
final class Chromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Path DOWNLOADS = Path.of("target", "downloads");
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private Chromium() {}

  /** Skips the tests (fails them under CI) where the browser is not installed. */
  static void requirePresent() {
    ExternalTool.requirePresent(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed");
  }

  static WebDriver start(WebFixture fixture) throws IOException {
    SELENIUM_LOG.setLevel(Level.SEVERE); // its notes on CDP versions: these tests use no CDP
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1280,1000",
        // Trust exactly the service's TLS key, as a browser that has the organisation's root would.
        "--ignore-certificate-errors-spki-list=" + spkiHash(serviceCertificate(fixture)));
    options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
        "download.prompt_for_download", false));
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(driver, options);
    // A click that submits a form returns before the next page has loaded: look for elements a while.
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    Files.createDirectories(SHOTS);
    Files.createDirectories(DOWNLOADS);
    return browser;
  }

  /** What a test does on a page before going on, such as a screenshot. */
  interface Step {
    void run() throws IOException;
  }

  /** Signs {@code email} in afresh, {@code beforeSubmit} done on the filled-in form. */
  static void signIn(WebDriver browser, WebFixture fixture, String email, Step beforeSubmit) throws IOException {
    browser.get(fixture.https("/web/signin"));
    browser.manage().deleteAllCookies();
    browser.get(fixture.https("/web/signin"));
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
    beforeSubmit.run();
    // the next step must not race the sign-in: its cookie comes with the page it answers with
    clickToNextPage(browser, By.id("signin"));
  }

  /**
   * Clicks what {@code target} finds and waits until the page it answers with has replaced this one. While
   * the old page goes, Chromium may answer a question about it with "node does not belong to the
   * document" rather than "stale": that is the old page going too.
   */
  static void clickToNextPage(WebDriver browser, By target) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(target).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
        .until(ExpectedConditions.stalenessOf(page));
  }

  static void shot(WebDriver browser, String name) throws IOException {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static X509Certificate serviceCertificate(WebFixture fixture) throws IOException {
    try (SSLSocket s = (SSLSocket) WebClient.trusting(fixture.root()).getSocketFactory()
        .createSocket("127.0.0.1", fixture.service.httpsPort())) {
      s.startHandshake();
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }

  private static String spkiHash(X509Certificate cert) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(cert.getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
