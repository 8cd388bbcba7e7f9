package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the message page shows of a message a mailing list appended an unsigned footer to. */
class MailReaderFooterTest {
  private static final byte[] READ_OUT = ("From: manager@example.org\r\nMIME-Version: 1.0\r\n"
      + "Content-Type: multipart/mixed; boundary=\"LIST\"\r\n\r\n"
      + "--LIST\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nYou are promoted!\r\n"
      + "--LIST\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nlist@example.org: unsubscribe\r\n"
      + "--LIST--\r\n").getBytes(StandardCharsets.US_ASCII);

  @Test
  void theFooterTheReportNamesIsShownApartFromTheSignedText() throws IOException {
    MailReader.Content content = MailReader.content(READ_OUT, true);

    assertThat(content.text()).contains("You are promoted!").doesNotContain("unsubscribe");
    assertThat(content.unsignedFooter()).hasValueSatisfying(f -> assertThat(f).contains("unsubscribe"));
  }

  @Test
  void withoutAFooterInTheReportNoPartIsSetApart() throws IOException {
    assertThat(MailReader.content(READ_OUT, false).unsignedFooter()).isEmpty();
  }
}
