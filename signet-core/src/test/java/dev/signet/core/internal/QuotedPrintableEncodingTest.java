package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Chars;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;

class QuotedPrintableEncodingTest {

  private static String encoded(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (QuotedPrintableEncoding qp = new QuotedPrintableEncoding(out)) {
      qp.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String decoded(String qp) throws IOException {
    try (var in = new QuotedPrintableInputStream(new ByteArrayInputStream(qp.getBytes(StandardCharsets.ISO_8859_1)))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aCrlfIsALineBreak() throws IOException {
    assertThat(encoded("one\r\ntwo\r\n")).isEqualTo("one\r\ntwo\r\n");
  }

  @Test
  void aCrInsideALineIsEscaped() throws IOException {
    assertThat(encoded("one\rtwo")).isEqualTo("one=0Dtwo");
  }

  @Test
  void aCrThatEndsTheTextIsEscaped() throws IOException {
    assertThat(encoded("old Mac text\r")).isEqualTo("old Mac text=0D");
  }

  @Test
  void aCrBeforeALineBreakIsEscapedAndTheBreakKept() throws IOException {
    assertThat(encoded("one\r\r\ntwo")).isEqualTo("one=0D\r\ntwo");
  }

  @Test
  void spacesAndTabsThatEndALineOrTheTextAreEscaped() throws IOException {
    assertThat(encoded("one \r\ntwo\t")).isEqualTo("one=20\r\ntwo=09");
  }

  @Test
  void aSpaceBeforeABareCrIsKept() throws IOException {
    assertThat(encoded("one \rtwo")).isEqualTo("one =0Dtwo");
  }

  @Test
  void equalsSignsDotsAndEightBitBytesAreEscaped() throws IOException {
    assertThat(encoded("a=b. \u00e9")).isEqualTo("a=3Db=2E =E9");
  }

  @Test
  void aLongLineIsSoftBrokenWithinSeventySixCharacters() throws IOException {
    String qp = encoded("x".repeat(200));

    assertThat(qp.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
    assertThat(qp).contains("=\r\n");
    assertThat(decoded(qp)).isEqualTo("x".repeat(200));
  }

  @Property(tries = 500)
  void mime4jDecodesWhatItEncodesAndNoLineOrBareCrOrLfBreaksTheForm(
      @ForAll @Chars({'\r', '\n', ' ', '\t', '=', '.', '\u00e9'}) @CharRange(from = 'a', to = 'e')
      @NumericChars String text) throws IOException {
    String canonical = text.replaceAll("(?<!\r)\n", "\r\n");

    String qp = encoded(canonical);

    assertThat(decoded(qp)).isEqualTo(canonical);
    assertThat(qp.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    assertThat(qp.split("\r\n", -1)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
  }
}
