package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RespondToReceiptRequest and RFC 2634's rules, one decision per test, on messages signed and read for real. */
class ReceiptResponseTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DigitalId ALICE =
      DigitalId.selfSigned("alice@example.org", "Alice", KeyType.EC_P256, Clock.systemUTC(), RANDOM);
  private static final List<String> BOB = List.of("bob@example.org");
  private static final Smime SMIME = Smime.withDefaults();

  private static SecurityReport read(byte[] message) throws IOException {
    return SMIME.read(new ByteArrayInputStream(message), ReadOptions.verify(List.of(ALICE.certificate())),
        OutputStream.nullOutputStream());
  }

  private static byte[] signed(Optional<ReceiptRequest.From> from) throws IOException {
    byte[] message = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: s\r\n\r\nbody\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    SignOptions options = SignOptions.defaults(ALICE);
    if (from.isPresent()) {
      options = options.withReceiptRequest(ReceiptRequest.fresh(from.get(), List.of("alice@example.org"), Instant.now(),
          RANDOM));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SMIME.sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  private static SecurityReport requesting() throws IOException {
    return read(signed(Optional.of(ReceiptRequest.From.all())));
  }

  private static Policy respond(int value) {
    return new Policy(Map.of(PolicySetting.RESPOND_TO_RECEIPT_REQUEST, Integer.toString(value)), "test");
  }

  @Test
  void value0SendsWithoutAskingForThePasswordAgain() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(requesting(), BOB, false, respond(0));

    assertThat(r.send()).isTrue();
    assertThat(r.askPassword()).isFalse();
    assertThat(r.decision().setting()).contains(PolicySetting.RESPOND_TO_RECEIPT_REQUEST);
  }

  @Test
  void absentMeansAs0() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(requesting(), BOB, false, Policy.defaults());

    assertThat(r.send()).isTrue();
    assertThat(r.decision().reason()).startsWith("absent");
  }

  @Test
  void value1SendsAfterAskingForThePassword() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(requesting(), BOB, false, respond(1));

    assertThat(r.send()).isTrue();
    assertThat(r.askPassword()).isTrue();
  }

  @Test
  void value2NeverSends() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(requesting(), BOB, false, respond(2));

    assertThat(r.send()).isFalse();
    assertThat(r.decision().outcome()).isEqualTo("not sent");
  }

  @Test
  void value3SendsThoughThePersonDeclines() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(requesting(), BOB, true, respond(3));

    assertThat(r.send()).isTrue();
    assertThat(r.decision().reason()).contains("--no-receipt is overridden");
  }

  @Test
  void thePersonDeclinesUnderValue0() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(requesting(), BOB, true, respond(0));

    assertThat(r.send()).isFalse();
    assertThat(r.decision().outcome()).isEqualTo("declined");
  }

  @Test
  void aMessageWithoutARequestGetsNoReceipt() throws IOException {
    ReceiptResponse r = ReceiptResponse.decide(read(signed(Optional.empty())), BOB, false, respond(3));

    assertThat(r.send()).isFalse();
    assertThat(r.decision().outcome()).isEqualTo("not requested");
  }

  @Test
  void aReaderNotAmongReceiptsFromIsNotAsked() throws IOException {
    SecurityReport report = read(signed(Optional.of(ReceiptRequest.From.listed(List.of("carol@example.org")))));

    ReceiptResponse r = ReceiptResponse.decide(report, BOB, false, respond(3));

    assertThat(r.send()).isFalse();
    assertThat(r.decision().outcome()).isEqualTo("refused");
  }

  @Test
  void aListedReaderIsAskedWhateverTheCaseOfTheAddress() throws IOException {
    SecurityReport report = read(signed(Optional.of(ReceiptRequest.From.listed(List.of("Bob@Example.org")))));

    assertThat(ReceiptResponse.decide(report, BOB, false, respond(0)).send()).isTrue();
  }

  @Test
  void aSignatureThatDoesNotVerifyGetsNoReceiptEvenWhenForced() throws IOException {
    String text = new String(signed(Optional.of(ReceiptRequest.From.all())), StandardCharsets.US_ASCII);
    SecurityReport report = read(text.replace("body", "bodY").getBytes(StandardCharsets.US_ASCII));

    ReceiptResponse r = ReceiptResponse.decide(report, BOB, false, respond(3));

    assertThat(r.send()).isFalse();
    assertThat(r.decision().reason()).isEqualTo("the signature that asks for it did not verify");
  }
}
