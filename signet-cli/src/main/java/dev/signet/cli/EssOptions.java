package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.ComposeRequest;
import dev.signet.core.MalformedInputException;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import dev.signet.mail.Sender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The ESS choices a sender makes (RFC 2634): a signed-receipt request and a security label. */
final class EssOptions {
  @Option(names = "--receipt-request", description = "Ask the recipients for a signed receipt.")
  boolean receiptRequest;

  @Option(names = "--receipts-from", arity = "1..*", paramLabel = "all|first-tier|ADDR",
      description = "Who is asked for a receipt (default: all).")
  List<String> receiptsFrom = new ArrayList<>();

  @Option(names = "--receipts-to", arity = "1..*", paramLabel = "ADDR",
      description = "Where receipts go (default: the signer's address); at most 16.")
  List<String> receiptsTo = new ArrayList<>();

  @Option(names = "--label", paramLabel = "LABEL.der", description = "An ESS security label (signet label make).")
  Path label;

  @Option(names = "--triple-wrap", description = "compose: sign, encrypt, and sign again (RFC 2634); the outer"
      + " signature carries the label.")
  boolean tripleWrap;

  /**
   * The person's ESS choices for {@code sender}'s message, with a request prepared in case policy demands
   * one (receipts go to the sender's address by default) and the sender's profile label by default.
   */
  ComposeRequest.Ess choices(Sender sender) throws IOException {
    Optional<String> signer = Certificates.emails(sender.id().certificate()).stream().findFirst();
    return new ComposeRequest.Ess(receiptRequest(signer).isPresent(), prepared(signer), label(sender.defaultLabel()));
  }

  /** The request asked for, with a new content identifier; {@code signer} is where receipts go by default. */
  Optional<ReceiptRequest> receiptRequest(Optional<String> signer) {
    if (!receiptRequest) {
      if (!receiptsFrom.isEmpty() || !receiptsTo.isEmpty()) {
        throw new UsageException("--receipts-from and --receipts-to go with --receipt-request");
      }
      return Optional.empty();
    }
    return Optional.of(prepared(signer)
        .orElseThrow(() -> new UsageException("the signer's certificate has no address: give --receipts-to")));
  }

  /** A request from the options, or to the signer's address; none when there is no address to send receipts to. */
  private Optional<ReceiptRequest> prepared(Optional<String> signer) {
    Optional<List<String>> to = receiptsTo.isEmpty() ? signer.map(List::of) : Optional.of(receiptsTo);
    try {
      return to.map(t -> ReceiptRequest.fresh(from(), t, Instant.now(), new SecureRandom()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--receipts-to: " + e.getMessage(), e);
    }
  }

  private ReceiptRequest.From from() {
    if (receiptsFrom.isEmpty() || receiptsFrom.equals(List.of("all"))) {
      return ReceiptRequest.From.all();
    }
    if (receiptsFrom.equals(List.of("first-tier"))) {
      return ReceiptRequest.From.firstTier();
    }
    if (receiptsFrom.stream().anyMatch(a -> !a.contains("@"))) {
      throw new UsageException("--receipts-from takes all, first-tier, or addresses");
    }
    return ReceiptRequest.From.listed(receiptsFrom);
  }

  /** The --label file's label, else {@code defaultLabel}. */
  Optional<SecurityLabel> label(Optional<SecurityLabel> defaultLabel) throws IOException {
    return label == null ? defaultLabel : Optional.of(read(label));
  }

  static SecurityLabel read(Path file) throws IOException {
    try {
      return SecurityLabel.fromDer(Files.readAllBytes(file));
    } catch (MalformedInputException e) {
      throw new MalformedInputException(file + ": " + e.getMessage(), e);
    }
  }
}
