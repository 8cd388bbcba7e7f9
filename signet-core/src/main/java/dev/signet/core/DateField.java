package dev.signet.core;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.field.datetime.parser.ParseException;
import org.apache.james.mime4j.field.datetime.parser.TokenMgrError;

/**
 * A message's Date field (RFC 5322 section 3.3), read as leniently as mail programs read it: a comment such as
 * "(UTC)", the obsolete zones ("EST") and two-digit years are taken. The one reading of the field, for the
 * signing-time check and for what the pages show and search by.
 */
public final class DateField {
  private static final int LAST_YEAR = 9999;

  private DateField() {}

  /**
   * The moment the field gives, at its writer's offset; empty when it is not a date the calendar has, or its
   * year has more than RFC 5322's four digits (which no page could write back).
   */
  public static Optional<OffsetDateTime> read(String field) {
    try {
      DateTime t = new DateTimeParser(new StringReader(field)).parseAll();
      if (t.getYear() > LAST_YEAR) {
        return Optional.empty();
      }
      ZoneOffset offset = ZoneOffset.ofHoursMinutes(t.getTimeZone() / 100, t.getTimeZone() % 100);
      return Optional.of(OffsetDateTime.of(t.getYear(), t.getMonth(), t.getDay(), t.getHour(), t.getMinute(),
          t.getSecond(), 0, offset));
    } catch (ParseException | TokenMgrError | NumberFormatException | DateTimeException e) {
      // someone else's header: not a date, a number past an int, 30 February or an offset past a day
      return Optional.empty();
    }
  }
}
