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
 * A message signed around an encryption that is for someone else, its signed part altered: both
 * reading verbs give the whole report and exit by its verdict; exit 2 is for nothing judged at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoKeyReportCliTest {
  private static final String BODY = "a line of text that fills the message up.\r\n".repeat(100);
  private final CliRun signet = CliRun.withPassword();
  private Fixtures.Person alice;
  private Path encrypted;
  private Path alteredSignedEncryption;

  @BeforeAll
  void aliceSignsWhatSheEncryptedForBobAndItIsAlteredOnTheWay(@TempDir Path dir) throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Path plain = Files.write(dir.resolve("plain.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Hello", BODY));
    encrypted = dir.resolve("encrypted.eml");
    assertThat(signet.run("encrypt", "--to", bob.certificatePem().toString(), "--in", plain.toString(),
        "--out", encrypted.toString()).exitCode()).isZero();
    Path signed = dir.resolve("signed.eml");
    assertThat(signet.run("sign", "--id", alice.p12().toString(), "--in", encrypted.toString(),
        "--out", signed.toString()).exitCode()).isZero();
    alteredSignedEncryption = Files.writeString(dir.resolve("altered.eml"),
        alterCiphertext(Files.readString(signed, StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
  }

  /** One base64 character in the middle of the encrypted part, the first base64 body, changed. */
  private static String alterCiphertext(String message) {
    int body = message.indexOf("Content-Transfer-Encoding: base64\r\n\r\n");
    int at = message.indexOf("\r\n", message.indexOf("\r\n\r\n", body) + 4 + 76 * 20) + 10;
    char replacement = message.charAt(at) == 'A' ? 'B' : 'A';
    return message.substring(0, at) + replacement + message.substring(at + 1);
  }

  @Test
  void verifyReportsTheBadSignatureAndTheMissingKeyAndExitsByTheVerdict() {
    CliRun.Result r = signet.run("verify", "--offline", "--json", "--trust", alice.certificatePem().toString(),
        "--in", alteredSignedEncryption.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("\"BAD_SIGNATURE\"", "\"NO_DECRYPTION_KEY\"", "alice@example.org");
  }

  @Test
  void readWithSomeoneElsesKeyReportsTheBadSignatureAndTheMissingKeyAndExitsByTheVerdict() {
    CliRun.Result r = signet.run("read", "--offline", "--json", "--id", alice.p12().toString(),
        "--trust", alice.certificatePem().toString(), "--in", alteredSignedEncryption.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("\"BAD_SIGNATURE\"", "\"NO_DECRYPTION_KEY\"", "alice@example.org");
  }

  @Test
  void readOfAnEncryptionWithNothingOutsideItExits2() {
    CliRun.Result r = signet.run("read", "--offline", "--id", alice.p12().toString(), "--in", encrypted.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("no digital ID given matches any of the message's 1 recipients");
  }
}
