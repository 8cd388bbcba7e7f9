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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the web UI of a {@link WebFixture}, trusting exactly the service's TLS key as a
 * browser that has the organisation's root would; screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "screenshots");

  final WebDriver driver;
  private final WebFixture fixture;
  private String signedIn = WebPage.NOBODY;

  private Browser(WebDriver driver, WebFixture fixture) {
    this.driver = driver;
    this.fixture = fixture;
  }

  /** A browser window of 1280 x 1000 on {@code fixture}'s web UI; skips (fails under CI) without Chromium. */
  static Browser on(WebFixture fixture) throws IOException {
    ExternalTool.requirePresent(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed");
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // its notes on CDP versions: no CDP used here
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1280,1000",
        "--ignore-certificate-errors-spki-list=" + spkiHash(serviceCertificate(fixture)));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    Files.createDirectories(SHOTS);
    return new Browser(driver, fixture);
  }

  void open(String path) {
    driver.get(fixture.https(path));
  }

  /** Signs {@code email} in afresh (any earlier session's cookies gone). */
  private void signIn(String email) {
    open("/web/signin");
    driver.manage().deleteAllCookies();
    open("/web/signin");
    type("email", email);
    type("password", WebFixture.PASSWORD);
    driver.findElement(By.id("signin")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("who"), email));
  }

  /**
   * Makes {@code who} the one signed in ({@link WebPage#NOBODY}: no one), their digital IDs unlocked if
   * they have any; nothing to do if they already are.
   */
  void as(String who) {
    if (who.equals(signedIn)) {
      return;
    }
    if (who.equals(WebPage.NOBODY)) {
      open("/web/signin");
      driver.manage().deleteAllCookies();
    } else {
      signIn(who);
      if (fixture.ids.containsKey(who)) {
        unlock();
      }
    }
    signedIn = who;
  }

  /** Unlocks the signed-in person's digital IDs for the session. */
  private void unlock() {
    open("/web/ids");
    type("id-password", WebFixture.ID_PASSWORD);
    driver.findElement(By.id("unlock")).click();
    // The unlock answers with the inbox: wait for it, or opening the next page cancels the unlock.
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/web/inbox"));
  }

  void type(String id, String text) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  /** Makes the window {@code width} x {@code height} pixels. */
  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  void shot(String name) throws IOException {
    File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
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
