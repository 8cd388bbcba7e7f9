package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.MalformedInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Base64DecodingTest {

  private static byte[] decode(String text) throws IOException {
    return new Base64Decoding(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).readAllBytes();
  }

  @Property(tries = 200)
  void decodesWhatTheJdkEncodesWhateverTheLineLength(@ForAll @Size(max = 200_000) byte[] data,
      @ForAll @IntRange(min = 1, max = 40) int lineQuads) throws IOException {
    String text = Base64.getMimeEncoder(lineQuads * 4, new byte[] {'\r', '\n'}).encodeToString(data);
    assertThat(decode(text)).isEqualTo(data);
  }

  @Test
  void skipsCharactersOutsideTheAlphabet() throws IOException {
    assertThat(decode(" aGVs\tbG8=\r\n")).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void ignoresWhatFollowsPadding() throws IOException {
    assertThat(decode("aGk=\r\nZZZZ")).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aDanglingCharacterIsMalformed() {
    assertThatThrownBy(() -> decode("aGVsb")).isInstanceOf(MalformedInputException.class);
  }
}
