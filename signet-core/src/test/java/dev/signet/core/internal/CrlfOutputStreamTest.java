package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  void aLoneCarriageReturnBecomesCrlf() throws IOException {
    assertThat(canonical("a\rb\r")).isEqualTo("a\r\nb\r\n");
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
}
