package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Time;
import org.junit.jupiter.api.Test;

/** A signing time reads as the instant Bouncy Castle's own (slower) reading gives, whatever its form. */
class SigningTimeReadingTest {
  @Property
  void everyUtcTimeReadsAsBouncyCastleReadsIt(
      @ForAll @LongRange(min = -631_152_000L, max = 2_524_607_999L) long epochSecond) {
    Time time = new Time(Date.from(Instant.ofEpochSecond(epochSecond))); // UTCTime for 1950 to 2049
    assertThat(SigningTime.instant(time)).isEqualTo(Instant.ofEpochSecond(epochSecond))
        .isEqualTo(time.getDate().toInstant());
  }

  @Property
  void everyGeneralizedTimeReadsAsBouncyCastleReadsIt(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond) {
    Time time = Time.getInstance(new ASN1GeneralizedTime(Date.from(Instant.ofEpochSecond(epochSecond))));
    assertThat(SigningTime.instant(time)).isEqualTo(time.getDate().toInstant());
  }

  @Test
  void formsBeyondDerAndImpossibleDatesReadAsBouncyCastleReadsThem() {
    for (Time time : new Time[] {
        Time.getInstance(new ASN1UTCTime("261206050000Z")),
        Time.getInstance(new ASN1UTCTime("500101000000Z")),
        Time.getInstance(new ASN1UTCTime("491231235959Z")),
        Time.getInstance(new ASN1UTCTime("2612060500Z")),
        Time.getInstance(new ASN1UTCTime("261206050000+0130")),
        Time.getInstance(new ASN1UTCTime("261332050000Z")),
        Time.getInstance(new ASN1UTCTime("260230050000Z")),
        Time.getInstance(new ASN1GeneralizedTime("20261206050000Z")),
        Time.getInstance(new ASN1GeneralizedTime("20261206050000.125Z")),
        Time.getInstance(new ASN1GeneralizedTime("20261206050000-0800")),
        Time.getInstance(new ASN1GeneralizedTime("15000101000000Z")),
        Time.getInstance(new ASN1GeneralizedTime("20261306050000Z"))}) {
      assertThat(SigningTime.instant(time)).as(time.toString()).isEqualTo(time.getDate().toInstant());
    }
  }
}
