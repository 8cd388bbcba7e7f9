package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignedReceiptRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender's record of receipt requests in the store folder. */
class SentReceiptsTest {
  @TempDir Path dir;
  private static final Instant SENT = Instant.parse("2026-11-28T12:00:00Z");
  private static final SignedReceiptRequest REQUEST = new SignedReceiptRequest(
      new ReceiptRequest("0a0b0c", ReceiptRequest.From.listed(List.of("bob@example.org")), List.of("alice@example.org")),
      "1.2.840.113549.1.7.1", new byte[] {1, 2, 3}, new byte[] {4, 5, 6});

  @Test
  void aKeptRequestIsFoundWithEverythingAReceiptMustMatch() throws IOException {
    SentReceipts.in(dir).keep(REQUEST, "Minutes", SENT);

    assertThat(SentReceipts.in(dir).find("0a0b0c")).contains(REQUEST);
  }

  @Test
  void aReceiptIsNotedOncePerAddress() throws IOException {
    SentReceipts sent = SentReceipts.in(dir);
    sent.keep(REQUEST, "Minutes", SENT);

    sent.received("0a0b0c", "bob@example.org", SENT.plusSeconds(60));
    sent.received("0a0b0c", "BOB@example.org", SENT.plusSeconds(120));

    assertThat(sent.list()).singleElement().satisfies(s -> {
      assertThat(s.subject()).isEqualTo("Minutes");
      assertThat(s.receipts()).containsExactly(new SentReceipts.Returned("bob@example.org", SENT.plusSeconds(60)));
    });
  }

  @Test
  void aReceiptForAnUnknownRequestIsNotNoted() throws IOException {
    assertThat(SentReceipts.in(dir).received("ffff", "bob@example.org", SENT)).isFalse();
    assertThat(dir.resolve(SentReceipts.FILE)).doesNotExist();
  }

  @Test
  void keepingTheSameRequestTwiceKeepsOne() throws IOException {
    SentReceipts.in(dir).keep(REQUEST, "Minutes", SENT);
    SentReceipts.in(dir).keep(REQUEST, "Minutes", SENT);

    assertThat(SentReceipts.in(dir).list()).hasSize(1);
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt() throws IOException {
    Files.writeString(dir.resolve(SentReceipts.FILE), "{not json");

    assertThatThrownBy(() -> SentReceipts.in(dir).list()).isInstanceOf(StoreException.class)
        .hasMessageContaining("not a Signet receipts file");
  }
}
