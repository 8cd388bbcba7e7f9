package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A Date field is read as mail programs read it, and what is not a date is no date, never a failure. */
class DateFieldTest {
  @Test
  void aDateIsReadAtItsWritersOffsetItsCommentAside() {
    assertThat(DateField.read("Mon, 1 Jun 2026 23:30:00 -0400 (EDT)"))
        .contains(OffsetDateTime.parse("2026-06-01T23:30:00-04:00"));
  }

  @Test
  void anObsoleteZoneNameIsReadAsItsOffset() {
    assertThat(DateField.read("Mon, 1 Jun 2026 23:30:00 EST"))
        .contains(OffsetDateTime.parse("2026-06-01T23:30:00-05:00"));
  }

  @Test
  void aTwoDigitYearIsReadAsRfc5322Says() {
    assertThat(DateField.read("1 Jun 26 10:00 +0000")).contains(OffsetDateTime.parse("2026-06-01T10:00:00Z"));
  }

  @Test
  void wordsAreNoDate() {
    assertThat(DateField.read("the day before yesterday")).isEmpty();
  }

  @Test
  void aDayTheCalendarLacksIsNoDate() {
    assertThat(DateField.read("Mon, 30 Feb 2026 10:00:00 +0000")).isEmpty();
  }

  @Test
  void anOffsetPastADayIsNoDate() {
    assertThat(DateField.read("Mon, 1 Jun 2026 10:00:00 +9999")).isEmpty();
  }

  @Test
  void aYearPastFourDigitsIsNoDate() {
    assertThat(DateField.read("Mon, 1 Jan 99999 10:00:00 +0000")).isEmpty();
  }

  @Test
  void aNumberPastAnIntIsNoDate() {
    for (String field : new String[] {"Mon, 1 Jan 99999999999999999999 10:00:00 +0000",
        "Mon, 99999999999999999999 Jan 2026 10:00:00 +0000", "Mon, 1 Jan 2026 99999999999999999999:00:00 +0000",
        "Mon, 1 Jan 2026 10:00:00 +99999999999999999999"}) {
      assertThat(DateField.read(field)).as(field).isEmpty();
    }
  }

  @Test
  void noAlteredDateFieldFailsToBeRead() {
    String valid = "Sun, 6 Dec 2026 18:38:24 +0100 (CET)";
    String[] pieces = {"0", "7", "99", "99999", "9999999999", " ", ",", ":", "+", "-", "(", ")", "Jan", "Feb", "GMT",
        "EST", "\t", "\r\n", "\u00e9"};
    Random random = new Random(20261206);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder field = new StringBuilder(valid);
      for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
        int at = random.nextInt(field.length() + 1);
        if (random.nextBoolean() && at < field.length()) {
          field.deleteCharAt(at);
        }
        field.insert(at, pieces[random.nextInt(pieces.length)]);
      }
      assertThat(DateField.read(field.toString())).as(field.toString()).isNotNull();
    }
  }
}
