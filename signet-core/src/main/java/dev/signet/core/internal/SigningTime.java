package dev.signet.core.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.SignerInformation;

/** A signer's signing-time attribute, read as an instant. */
final class SigningTime {
  private SigningTime() {}

  /** The signed signing time; empty when absent, repeated or unreadable. */
  static Optional<Instant> of(SignerInformation signer) {
    AttributeTable attrs = signer.getSignedAttributes();
    Attribute attr = attrs == null ? null : attrs.get(CMSAttributes.signingTime);
    if (attr == null || attr.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(instant(Time.getInstance(attr.getAttrValues().getObjectAt(0))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code time} as an instant. The forms DER asks for, to the second in UTC, are read here; any other
   * (or an impossible date) as Bouncy Castle reads it, whose getDate makes a SimpleDateFormat each time
   * (several microseconds, for each signer of each message).
   */
  static Instant instant(Time time) {
    ASN1Primitive value = time.toASN1Primitive();
    // UTCTime as YYMMDDHHMMSSGMT+00:00 (Bouncy Castle's rewriting), GeneralizedTime as written
    String text = value instanceof ASN1UTCTime utc ? utc.getTime()
        : value instanceof ASN1GeneralizedTime general ? general.getTimeString() : "";
    String zone = value instanceof ASN1UTCTime ? "GMT+00:00" : "Z";
    String digits = text.endsWith(zone) ? text.substring(0, text.length() - zone.length()) : "";
    int yearDigits = value instanceof ASN1UTCTime ? 2 : 4;
    if (digits.length() == yearDigits + 10 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int year = Integer.parseInt(digits.substring(0, yearDigits));
      if (yearDigits == 2) {
        year += year < 50 ? 2000 : 1900; // RFC 5280 section 4.1.2.5.1
      }
      try {
        if (year < 1950) {
          throw new DateTimeException("before 1950: the Julian calendar of SimpleDateFormat may differ");
        }
        return LocalDateTime.of(year, two(digits, yearDigits), two(digits, yearDigits + 2), two(digits, yearDigits + 4),
            two(digits, yearDigits + 6), two(digits, yearDigits + 8)).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // Bouncy Castle's reading is lenient (a 13th month is the next year's first): keep it.
      }
    }
    return time.getDate().toInstant();
  }

  private static int two(String digits, int at) {
    return Integer.parseInt(digits, at, at + 2, 10);
  }
}
