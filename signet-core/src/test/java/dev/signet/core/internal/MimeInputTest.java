package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MimeInputTest {

  private static List<String> parts(String body, String boundary) throws IOException {
    MimeInput in = new MimeInput(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
    MimeInput.PartStream preamble = in.partUntil(boundary, true);
    preamble.readAllBytes();
    List<String> out = new ArrayList<>();
    boolean closing = !preamble.found();
    while (!closing) {
      MimeInput.PartStream part = in.partUntil(boundary, false);
      out.add(new String(part.readAllBytes(), StandardCharsets.ISO_8859_1));
      closing = part.closing() || !part.found();
    }
    return out;
  }

  @Test
  void theLineBreakBeforeADelimiterBelongsToTheDelimiter() throws IOException {
    assertThat(parts("--b\r\none\r\n--b\r\ntwo\r\n--b--\r\n", "b")).containsExactly("one", "two");
  }

  @Test
  void bareLineFeedsDelimitPartsToo() throws IOException {
    assertThat(parts("preamble\n--b\none\n\n--b\ntwo\n--b--\n", "b")).containsExactly("one\n", "two");
  }

  @Test
  void aBoundaryThatOnlyStartsALineIsContent() throws IOException {
    assertThat(parts("--b\r\nx\r\n--bb\r\n--b--", "b")).containsExactly("x\r\n--bb");
  }

  @Test
  void aMissingCloseDelimiterEndsThePartAtTheEndOfInput() throws IOException {
    MimeInput in = new MimeInput(new ByteArrayInputStream("--b\r\nhello".getBytes(StandardCharsets.US_ASCII)));
    in.partUntil("b", true).readAllBytes();
    MimeInput.PartStream part = in.partUntil("b", false);
    assertThat(new String(part.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(part.found()).isFalse();
  }

  @Property(tries = 200)
  void partsComeBackExactlyWhateverTheirLengthRelativeToTheBuffer(
      @ForAll @StringLength(max = 200) @CharRange(from = '\u0000', to = '\u00ff') String text, @ForAll @IntRange(min = 0, max = 140_000) int padding)
      throws IOException {
    String safe = text.replace("-", "_") + "x".repeat(padding);
    String body = "--zz\r\n" + safe + "\r\n--zz\r\nsecond\r\n--zz--\r\n";
    assertThat(parts(body, "zz")).containsExactly(safe, "second");
  }
}
