package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CrlfOutputStreamTest {

  private static String canonical(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfOutputStream crlf = new CrlfOutputStream(out)) {
      crlf.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void lineFeedsBecomeCrlf() throws IOException {
    assertThat(canonical("a\nb\n")).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void crlfStaysCrlf() throws IOException {
    assertThat(canonical("a\r\nb\r\n")).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void aCarriageReturnThatEndsNoLineIsText() throws IOException {
    assertThat(canonical("a\rb\r")).isEqualTo("a\rb\r");
  }

  @Test
  void aCrlfSplitAcrossWritesIsKeptAsOneLineBreak() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfOutputStream crlf = new CrlfOutputStream(out)) {
      crlf.write("a\r".getBytes(StandardCharsets.US_ASCII));
      crlf.write("\nb".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\nb");
  }

  @Property(tries = 300)
  void theResultDoesNotDependOnHowTheTextIsSplitIntoWrites(
      @ForAll @CharRange(from = '\n', to = 'r') String text, @ForAll @IntRange(min = 1, max = 7) int step)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfOutputStream crlf = new CrlfOutputStream(out)) {
      for (int i = 0; i < bytes.length; i += step) {
        crlf.write(bytes, i, Math.min(step, bytes.length - i));
      }
    }
    String expected = text.replaceAll("(?<!\r)\n", "\r\n");
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
  }
}
