package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
  void aYearPastFourDigitsIsShownAsItCame() {
    assertThat(Views.shown("Mon, 1 Jan 99999 10:00:00 +0000")).isEqualTo("Mon, 1 Jan 99999 10:00:00 +0000");
  }
}
