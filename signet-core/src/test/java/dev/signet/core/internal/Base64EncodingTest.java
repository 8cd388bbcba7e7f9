package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class Base64EncodingTest {

  @Property(tries = 200)
  void writesExactlyWhatTheJdkMimeEncoderWrites(@ForAll @Size(max = 300_000) byte[] data,
      @ForAll @IntRange(min = 1, max = 100_000) int step) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Base64Encoding encoding = new Base64Encoding(out)) {
      for (int off = 0; off < data.length; off += step) {
        encoding.write(data, off, Math.min(step, data.length - off));
      }
    }
    String expected = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data);
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(expected);
  }
}
