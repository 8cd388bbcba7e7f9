package dev.signet.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a message that was read gets a signed receipt, decided by RespondToReceiptRequest and
 * RFC 2634 section 2.3: never for a signature that did not verify, for a receipt, or for a reader
 * who is not among receiptsFrom. A pure function of the report, the reader and the policy.
 *
 * @param request what the receipt answers, when one is sent
 * @param askPassword whether the reader's signing key must be unlocked afresh (RespondToReceiptRequest=1)
 */
public record ReceiptResponse(Optional<SignedReceiptRequest> request, boolean askPassword, Decision decision) {
  private static final String SUBJECT = "receipt";
  private static final PolicySetting SETTING = PolicySetting.RESPOND_TO_RECEIPT_REQUEST;

  public ReceiptResponse {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
  }

  /**
   * @param readerAddresses the addresses of the reader's digital ID
   * @param declined the person chose not to send one (honoured unless the policy forces receipts)
   */
  public static ReceiptResponse decide(SecurityReport report, List<String> readerAddresses, boolean declined,
      Policy policy) {
    Optional<ReceiptResponse> unasked = unasked(report, readerAddresses);
    if (unasked.isPresent()) {
      return unasked.get();
    }
    SignedReceiptRequest request = report.receiptRequester().orElseThrow().receiptRequest().orElseThrow();
    int setting = policy.effective(SETTING);
    if (setting == 2) {
      return none("not sent", Optional.of(SETTING), "set to 2, receipts are never sent");
    }
    if (setting == 3) {
      return send(request, false, "set to 3, receipts are forced" + (declined ? "; --no-receipt is overridden" : ""));
    }
    if (declined) {
      return none("declined", Optional.empty(), "the person declined (--no-receipt)");
    }
    return setting == 1 ? send(request, true, "set to 1, sent after asking for the key's password")
        : send(request, false, (policy.isSet(SETTING) ? "set to 0" : "absent") + ", sent; the key's password only if needed");
  }

  /**
   * Whether {@code report} asks this reader for a receipt at all, whatever the policy and the person
   * then make of it: a request under a signature that verified, not on a receipt, with the reader among
   * receiptsFrom.
   */
  public static boolean asks(SecurityReport report, List<String> readerAddresses) {
    return unasked(report, readerAddresses).isEmpty();
  }

  /** The answer when the message asks this reader for no receipt (RFC 2634 section 2.3), else empty. */
  private static Optional<ReceiptResponse> unasked(SecurityReport report, List<String> readerAddresses) {
    Optional<SignerReport> requester = report.receiptRequester();
    if (requester.isEmpty()) {
      return Optional.of(none("not requested", Optional.empty(), "the message asks for no receipt"));
    }
    SignedReceiptRequest request = requester.get().receiptRequest().orElseThrow();
    if (!requester.get().signatureValid()) {
      return Optional.of(none("refused", Optional.empty(), "the signature that asks for it did not verify"));
    }
    if (request.onReceipt()) {
      return Optional.of(none("refused", Optional.empty(), "the message is itself a receipt"));
    }
    if (!request.request().asks(readerAddresses)) {
      return Optional.of(none("refused", Optional.empty(), "none of " + readerAddresses + " is among receiptsFrom"));
    }
    return Optional.empty();
  }

  public boolean send() {
    return request.isPresent();
  }

  private static ReceiptResponse none(String outcome, Optional<PolicySetting> by, String reason) {
    return new ReceiptResponse(Optional.empty(), false, new Decision(SUBJECT, outcome, by, reason));
  }

  private static ReceiptResponse send(SignedReceiptRequest request, boolean askPassword, String reason) {
    return new ReceiptResponse(Optional.of(request), askPassword,
        new Decision(SUBJECT, "sent to " + String.join(", ", request.request().receiptsTo()), Optional.of(SETTING), reason));
  }
}
