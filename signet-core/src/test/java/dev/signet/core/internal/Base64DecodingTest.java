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

  @Property(tries = 100)
  void decodesTextWithStrayCharactersAnywhere(@ForAll @Size(max = 60_000) byte[] data,
      @ForAll @IntRange(min = 1, max = 40) int lineQuads, @ForAll @IntRange(min = 1, max = 5_000) int every,
      @ForAll @IntRange(min = 0, max = 3) int stray) throws IOException {
    String text = Base64.getMimeEncoder(lineQuads * 4, new byte[] {'\r', '\n'}).encodeToString(data);
    StringBuilder sprinkled = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (i % every == every - 1) {
        sprinkled.append(" \t\r\n".charAt(stray));
      }
      sprinkled.append(text.charAt(i));
    }
    assertThat(decode(sprinkled.toString())).isEqualTo(data);
  }

  @Test
  void aLineBrokenAtAnOddPlaceStillDecodes() throws IOException {
    byte[] data = new byte[50_000];
    java.util.Arrays.fill(data, (byte) 7);
    String text = Base64.getEncoder().encodeToString(data);
    String broken = text.substring(0, 16_385) + "\r\n" + text.substring(16_385);
    assertThat(decode(broken)).isEqualTo(data);
  }

  @Test
  void aLineFeedInsideALineAsLongAsTheOneBeforeIsSkipped() throws IOException {
    // the second line ends where the first's length puts it, with a short line inside it
    assertThat(decode("QUJDREVG\r\nSElK\nS0xN\n")).isEqualTo("ABCDEFHIJKLM".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void paddingAtTheEndOfAFullBlockEndsTheData() throws IOException {
    byte[] data = new byte[12_287];
    String text = Base64.getEncoder().encodeToString(data);
    assertThat(text).hasSize(16_384).endsWith("=");
    assertThat(decode(text + "\r\nAAAA\r\n")).isEqualTo(data);
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
