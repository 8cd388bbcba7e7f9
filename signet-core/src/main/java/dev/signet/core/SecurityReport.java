package dev.signet.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one source of truth about a message that was read: its layers, outermost first, its signers,
 * the problems found, each with its severity, the header fields it carries inside its protection
 * (RFC 9788), if any, and the footer a mailing list appended unsigned, if any. The verdict is derived
 * from these.
 */
public record SecurityReport(List<Layer> layers, List<SignerReport> signers, List<Problem> problems,
    Optional<ProtectedHeaders> protectedHeaders, Optional<UnsignedFooter> unsignedFooter) {
  public SecurityReport {
    layers = List.copyOf(layers);
    signers = List.copyOf(signers);
    problems = List.copyOf(problems);
    Objects.requireNonNull(protectedHeaders, "protectedHeaders");
    Objects.requireNonNull(unsignedFooter, "unsignedFooter");
  }

  /** A report of a message without protected header fields or a mailing-list footer. */
  public SecurityReport(List<Layer> layers, List<SignerReport> signers, List<Problem> problems) {
    this(layers, signers, problems, Optional.empty(), Optional.empty());
  }

  public boolean signed() {
    return layers.stream().anyMatch(l -> l instanceof Layer.Signed);
  }

  public boolean encrypted() {
    return layers.stream().anyMatch(l -> l instanceof Layer.Encrypted);
  }

  /** Whether the message came encrypted, opened or not (no key of the reader's opening it leaves no layer). */
  public boolean arrivedEncrypted() {
    return encrypted() || has(ProblemCode.NO_DECRYPTION_KEY);
  }

  /** Error if any problem is an error; warning if any is a warning; valid otherwise. */
  public Verdict verdict() {
    if (problems.stream().anyMatch(p -> p.severity() == Severity.ERROR)) {
      return Verdict.ERROR;
    }
    if (problems.stream().anyMatch(p -> p.severity() == Severity.WARNING)) {
      return Verdict.WARNING;
    }
    return Verdict.VALID;
  }

  /** The receipt request of the outermost content signer that made one. */
  public Optional<ReceiptRequest> receiptRequest() {
    return receiptRequester().flatMap(SignerReport::receiptRequest).map(SignedReceiptRequest::request);
  }

  /** The outermost content signer that requested a receipt. */
  public Optional<SignerReport> receiptRequester() {
    return contentSigners().filter(s -> s.receiptRequest().isPresent()).findFirst();
  }

  /** The security label of the outermost content signer that set one. */
  public Optional<SecurityLabel> securityLabel() {
    return contentSigners().flatMap(s -> s.securityLabel().stream()).findFirst();
  }

  private Stream<SignerReport> contentSigners() {
    return signers.stream().filter(s -> s.role() == SignerReport.Role.CONTENT);
  }

  public boolean has(ProblemCode code) {
    return problems.stream().anyMatch(p -> p.code() == code);
  }
}
