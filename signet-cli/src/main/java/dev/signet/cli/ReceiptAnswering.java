package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.SignerReport;
import dev.signet.mail.Correspondent;
import dev.signet.mail.ReceiptAnswer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** read's answer to a signed-receipt request, as signet-mail decides it: written to --receipt-out. */
final class ReceiptAnswering {
  @Option(names = "--receipt-out", paramLabel = "FILE",
      description = "Write the signed receipt the message asks for here, signed with the first --id.")
  Path receiptOut;

  @Option(names = "--no-receipt", description = "Decline to send a receipt (unless RespondToReceiptRequest is 3).")
  boolean noReceipt;

  /**
   * Decides and, if a receipt is due, signs it with the reader's first digital ID; the decision goes to
   * standard error. Nothing is written when no receipt is sent, nor when the content was not shown
   * (withheld for an error verdict, a missing key or the reader's clearance): a receipt says it was.
   */
  void answer(CommandBase command, SecurityReport report, List<DecryptionIds.Named> named, Correspondent person,
      boolean contentShown) throws IOException {
    List<String> addresses = named.isEmpty() ? asked(report) : Certificates.emails(named.get(0).id().certificate());
    ReceiptAnswer answer = person.receipt(report, addresses, noReceipt);
    if (receiptOut == null) {
      if (answer.kind() == ReceiptAnswer.Kind.FORCED) {
        command.terminal.err().println("signet: receipt: a signed receipt is due (RespondToReceiptRequest=3):"
            + " give --receipt-out FILE and --id to write it");
      }
      return;
    }
    if (named.isEmpty()) {
      throw new UsageException("--receipt-out needs --id: the digital ID that signs the receipt");
    }
    command.terminal.err().println("signet: " + answer.response().decision());
    if (!answer.sends()) {
      return;
    }
    if (!contentShown) {
      command.terminal.err().println("signet: receipt: not sent after all: the content was not shown");
      return;
    }
    DigitalId signer = answer.response().askPassword() ? named.get(0).reopen().open() : named.get(0).id();
    String from = addresses.stream().findFirst().orElseThrow(
        () -> new UsageException("the receipt's signer has no address in its certificate"));
    try (StagedOutput staged = StagedOutput.to(Optional.of(receiptOut), command.terminal.out())) {
      command.smime().signReceipt(answer.response().request().orElseThrow(), SignOptions.defaults(signer), from,
          staged.stream());
      staged.commit();
    }
  }

  /**
   * A reader who named no ID is taken to be one of those the request asks (receiptsFrom's list; any
   * reader for all or first-tier), so that a receipt the policy forces is still pointed out.
   */
  private static List<String> asked(SecurityReport report) {
    return report.receiptRequester().flatMap(SignerReport::receiptRequest)
        .map(r -> r.request().receiptsFrom().addresses()).orElse(List.of());
  }
}
