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
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium on a {@link WebFixture}'s web UI, trusting exactly the service's TLS key, as a
 * browser that has the organisation's root would; screenshots go to target/screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  final WebDriver browser;
  private final WebFixture fixture;

  private HeadlessChromium(WebDriver browser, WebFixture fixture) {
    this.browser = browser;
    this.fixture = fixture;
  }

  /** Chromium on {@code fixture}; skipped with a reason where it is not installed (failed under CI). */
  static HeadlessChromium on(WebFixture fixture) throws IOException {
    ExternalTool.requirePresent(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed");
    SELENIUM_LOG.setLevel(Level.SEVERE); // its notes on CDP versions: these tests use no CDP
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1280,1000",
        "--ignore-certificate-errors-spki-list=" + spkiHash(serviceCertificate(fixture)));
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(driver, options);
    // A click that submits a form returns before the next page has loaded: look for elements a while.
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    Files.createDirectories(SHOTS);
    return new HeadlessChromium(browser, fixture);
  }

  void open(String path) {
    browser.get(fixture.https(path));
  }

  /** Signs in as {@code email} with the fixture's password, from a fresh set of cookies. */
  void signIn(String email) {
    open("/web/signin");
    browser.manage().deleteAllCookies();
    open("/web/signin");
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
    browser.findElement(By.id("signin")).click();
    browser.findElement(By.id("who"));
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  void shot(String name) throws IOException {
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

  @Override
  public void close() {
    browser.quit();
  }
}
