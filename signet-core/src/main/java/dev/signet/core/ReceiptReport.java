package dev.signet.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was found about a signed receipt checked against the message it answers.
 *
 * @param receipt the receipt content, when the message held one
 */
public record ReceiptReport(Optional<Receipt> receipt, List<SignerReport> signers, List<Problem> problems) {
  public ReceiptReport {
    Objects.requireNonNull(receipt, "receipt");
    signers = List.copyOf(signers);
    problems = List.copyOf(problems);
  }

  /** Valid: a receipt, each signature good and trusted, answering the original exactly, and no error. */
  public boolean valid() {
    return receipt.isPresent() && !signers.isEmpty()
        && signers.stream().allMatch(s -> s.signatureValid() && s.trust() == SignerReport.Trust.TRUSTED)
        && problems.stream().noneMatch(Problem::isError);
  }
}
