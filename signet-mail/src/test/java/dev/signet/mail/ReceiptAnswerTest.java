package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer to a signed-receipt request under RespondToReceiptRequest, as every front end offers it. */
class ReceiptAnswerTest {
  private static final List<String> ANN = List.of("ann@example.org");
  private static SecurityReport asking;
  private static SecurityReport notAsking;
  @TempDir Path dir;

  @BeforeAll
  static void bobAsksForAReceipt() throws IOException {
    DigitalId bob = StoreFixtures.dualUse("bob@example.org");
    SignOptions signing = SignOptions.defaults(bob);
    asking = signedRead(bob, signing.withReceiptRequest(ReceiptRequest.fresh(ReceiptRequest.From.all(),
        List.of("bob@example.org"), Instant.now(), StoreFixtures.RANDOM)));
    notAsking = signedRead(bob, signing);
  }

  @Test
  void aMessageThatAsksNothingNeedsNoAnswer() {
    assertThat(answer(notAsking, null, false).kind()).isEqualTo(ReceiptAnswer.Kind.NONE);
  }

  @Test
  void byDefaultTheReceiptIsOfferedAndThePersonMayDecline() {
    assertThat(answer(asking, null, false).kind()).isEqualTo(ReceiptAnswer.Kind.OFFERED);
    assertThat(answer(asking, null, true).kind()).isEqualTo(ReceiptAnswer.Kind.DECLINED);
  }

  @Test
  void respondThreeForcesTheReceiptEvenWhenDeclined() {
    ReceiptAnswer forced = answer(asking, "3", true);

    assertThat(forced.kind()).isEqualTo(ReceiptAnswer.Kind.FORCED);
    assertThat(forced.sends()).isTrue();
  }

  @Test
  void respondTwoNeverSends() {
    ReceiptAnswer never = answer(asking, "2", false);

    assertThat(never.kind()).isEqualTo(ReceiptAnswer.Kind.NEVER);
    assertThat(never.sends()).isFalse();
  }

  @Test
  void respondOneAsksForTheKeyAgain() {
    assertThat(answer(asking, "1", false).response().askPassword()).isTrue();
  }

  private ReceiptAnswer answer(SecurityReport report, String respond, boolean declined) {
    Policy policy = respond == null ? Policy.defaults()
        : new Policy(Map.of(PolicySetting.RESPOND_TO_RECEIPT_REQUEST, respond), "test");
    return Correspondent.of(StoreFixtures.store(dir), policy).receipt(report, ANN, declined);
  }

  private static SecurityReport signedRead(DigitalId signer, SignOptions options) throws IOException {
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(("From: bob@example.org\r\nTo: ann@example.org\r\n"
        + "Content-Type: text/plain\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII)), options, signed);
    return Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(List.of(signer.certificate())), new ByteArrayOutputStream());
  }
}
