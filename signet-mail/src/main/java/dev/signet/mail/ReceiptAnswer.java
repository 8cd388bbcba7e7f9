package dev.signet.mail;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.ReceiptResponse;
import dev.signet.core.SecurityReport;
import java.util.List;
import java.util.Objects;

/**
 * What a reader does about a signed-receipt request (RFC 2634, RespondToReceiptRequest): the engine's
 * {@link ReceiptResponse} and how a front end offers it.
 */
public record ReceiptAnswer(ReceiptResponse response, Kind kind) {
  /** How the answer reaches the person. */
  public enum Kind {
    /** Nothing to answer: not asked, not of this reader, or the signature asking did not verify. */
    NONE,
    /** RespondToReceiptRequest=2: asked, but the organisation never sends receipts. */
    NEVER,
    /** RespondToReceiptRequest=3: sent whatever the person says, when the content is shown. */
    FORCED,
    /** 0 or 1: the person may send it (under 1 after unlocking the key again) or decline. */
    OFFERED,
    /** The person declined. */
    DECLINED
  }

  public ReceiptAnswer {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(kind, "kind");
  }

  static ReceiptAnswer decide(SecurityReport report, List<String> readerAddresses, boolean declined, Policy policy) {
    ReceiptResponse response = ReceiptResponse.decide(report, readerAddresses, declined, policy);
    int setting = policy.effective(PolicySetting.RESPOND_TO_RECEIPT_REQUEST);
    if (response.send()) {
      return new ReceiptAnswer(response, setting == 3 ? Kind.FORCED : Kind.OFFERED);
    }
    if (!ReceiptResponse.asks(report, readerAddresses)) {
      return new ReceiptAnswer(response, Kind.NONE);
    }
    return new ReceiptAnswer(response, setting == 2 ? Kind.NEVER : Kind.DECLINED);
  }

  public boolean sends() {
    return response.send();
  }
}
