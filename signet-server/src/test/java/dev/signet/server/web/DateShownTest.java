package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A message's Date field is written on the pages as they write every moment, at the offset its writer gave. */
class DateShownTest {
  @Test
  void aDateFieldIsWrittenAtItsWritersOffsetWithoutItsComment() {
    assertThat(Views.shown("Mon, 1 Jun 2026 23:30:00 -0400 (EDT)")).isEqualTo("Mon, 1 Jun 2026 23:30:00 -0400");
  }

  @Test
  void aDateInUtcReadsAsTheArrivalTimesBesideIt() {
    assertThat(Views.shown("Sun, 06 Dec 2026 18:38:24 +0000"))
        .isEqualTo(Views.shown(Instant.parse("2026-12-06T18:38:24Z"))).isEqualTo("Sun, 6 Dec 2026 18:38:24 GMT");
  }

  @Test
  void aDateWithoutItsDayOfTheWeekGainsIt() {
    assertThat(Views.shown("6 Dec 2026 18:38 +0100")).isEqualTo("Sun, 6 Dec 2026 18:38:00 +0100");
  }

  @Test
  void aFieldThatIsNotADateIsShownAsItCame() {
    assertThat(Views.shown("the day before yesterday")).isEqualTo("the day before yesterday");
  }

  @Test
  void aDayTheCalendarLacksIsShownAsItCame() {
    assertThat(Views.shown("Mon, 30 Feb 2026 10:00:00 +0000")).isEqualTo("Mon, 30 Feb 2026 10:00:00 +0000");
  }

  @Test
  void aYearPastFourDigitsIsShownAsItCame() {
    assertThat(Views.shown("Mon, 1 Jan 99999 10:00:00 +0000")).isEqualTo("Mon, 1 Jan 99999 10:00:00 +0000");
  }

  @Test
  void anOffsetBeyondADayIsShownAsItCame() {
    assertThat(Views.shown("Mon, 1 Jun 2026 10:00:00 +9999")).isEqualTo("Mon, 1 Jun 2026 10:00:00 +9999");
  }

  @Test
  void numbersTooLargeToReadAreShownAsTheyCame() {
    for (String field : new String[] {"Mon, 1 Jan 99999999999999999999 10:00:00 +0000",
        "Mon, 99999999999999999999 Jan 2026 10:00:00 +0000", "Mon, 1 Jan 2026 99999999999999999999:00:00 +0000",
        "Mon, 1 Jan 2026 10:00:00 +99999999999999999999"}) {
      assertThat(Views.shown(field)).isEqualTo(field);
    }
  }

  @Test
  void noAlteredDateFieldStopsAPage() {
    String valid = "Sun, 6 Dec 2026 18:38:24 +0100 (CET)";
    String[] pieces = {"0", "7", "99", "99999", "9999999999", " ", ",", ":", "+", "-", "(", ")", "Jan", "Feb", "GMT", "EST",
        "\t", "\r\n", "\u00e9"};
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
      String shown = Views.shown(field.toString());
      assertThat(shown).as(field.toString()).isNotNull();
    }
  }
}
