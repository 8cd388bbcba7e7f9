package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Smime;
import dev.signet.core.internal.EssEncoding;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * ESS (RFC 2634) as it arrives: the attributes in a signature (receipt requests, security labels),
 * receipts, and whole signed receipts checked against the request they answer.
 */
class EssFuzzTest {
  /** The request every signed-receipt seed answers. */
  static final SignedReceiptRequest ORIGINAL = new SignedReceiptRequest(
      new ReceiptRequest("5369676e6574", ReceiptRequest.From.all(), List.of("bob@example.org")),
      "1.2.840.113549.1.7.1", new byte[] {1, 2, 3, 4}, new byte[32]);
  private static final Smime SMIME = Smime.withDefaults().withClock(FuzzIds.READ);

  @FuzzTest(maxDuration = "2m")
  void receiptRequests(byte[] der) {
    Contract.holds(() -> EssEncoding.receiptRequest(der));
  }

  @FuzzTest(maxDuration = "2m")
  void securityLabels(byte[] der) {
    Contract.holds(() -> EssEncoding.securityLabel(der));
  }

  @FuzzTest(maxDuration = "2m")
  void receipts(byte[] der) {
    Contract.holds(() -> EssEncoding.receipt(der));
  }

  @FuzzTest(maxDuration = "2m")
  void signedReceipts(byte[] message) {
    Contract.holds(() -> SMIME.verifyReceipt(new ByteArrayInputStream(message), ORIGINAL,
        FuzzIds.options(ReadOptions.Depth.VERIFY)));
  }
}
