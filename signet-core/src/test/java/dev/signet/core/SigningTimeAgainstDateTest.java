package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.TestPki;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A signing time more than SigningTimeSkew (an hour unless set) from the message's Date, either
 * way, is DATE_MISMATCH, a warning: a signature lifted into a newer message keeps its old time.
 */
class SigningTimeAgainstDateTest {
  private static final TestPki PKI = TestPki.get();
  private static final Instant SIGNED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void aDateWithinTheHourIsNoProblem() throws IOException {
    assertThat(read(Duration.ofMinutes(59), Policy.defaults()).has(ProblemCode.DATE_MISMATCH)).isFalse();
  }

  @Test
  void aDateMoreThanAnHourAfterTheSigningTimeIsAWarning() throws IOException {
    SecurityReport report = read(Duration.ofMinutes(61), Policy.defaults());
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.DATE_MISMATCH).singleElement()
        .satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
    assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
  }

  @Test
  void aDateMoreThanAnHourBeforeTheSigningTimeIsAWarning() throws IOException {
    assertThat(read(Duration.ofHours(-2), Policy.defaults()).has(ProblemCode.DATE_MISMATCH)).isTrue();
  }

  @Test
  void theLimitIsTheSigningTimeSkewSetting() throws IOException {
    assertThat(read(Duration.ofHours(3), policy("SigningTimeSkew=240")).has(ProblemCode.DATE_MISMATCH)).isFalse();
    assertThat(read(Duration.ofHours(5), policy("SigningTimeSkew=240")).has(ProblemCode.DATE_MISMATCH)).isTrue();
  }

  @Test
  void aSkewOfZeroComparesNothing() throws IOException {
    assertThat(read(Duration.ofDays(30), policy("SigningTimeSkew=0")).has(ProblemCode.DATE_MISMATCH)).isFalse();
  }

  @Test
  void aMessageWithoutADateIsNotCompared() throws IOException {
    assertThat(read("", Policy.defaults()).has(ProblemCode.DATE_MISMATCH)).isFalse();
  }

  private static SecurityReport read(Duration dateAfterSigning, Policy policy) throws IOException {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(SIGNED_AT.plus(dateAfterSigning).atOffset(ZoneOffset.UTC));
    return read("Date: " + date + " (UTC)\r\n", policy);
  }

  private static SecurityReport read(String dateField, Policy policy) throws IOException {
    TestPki.Identity signer = PKI.identity(KeyKind.EC_P256);
    Smime smime = Smime.withDefaults().withClock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    smime.sign(new ByteArrayInputStream(("From: " + signer.email() + "\r\n" + dateField + "\r\nhello\r\n")
        .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(DigitalId.of(signer.privateKey(), signer.chain())),
        signed);
    return smime.read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(PKI.anchors()).withPolicy(policy), OutputStream.nullOutputStream());
  }

  private static Policy policy(String lines) throws IOException {
    return Policy.read(new ByteArrayInputStream((lines + "\n").getBytes(StandardCharsets.US_ASCII)), "test policy");
  }
}
