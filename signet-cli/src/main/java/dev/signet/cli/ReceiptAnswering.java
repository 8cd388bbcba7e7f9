package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.ReceiptResponse;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** read's answer to a signed-receipt request: written to --receipt-out when RespondToReceiptRequest allows. */
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
  void answer(CommandBase command, SecurityReport report, List<Path> idFiles, List<DigitalId> ids, Policy policy,
      boolean contentShown) throws IOException {
    if (receiptOut == null) {
      return;
    }
    if (ids.isEmpty()) {
      throw new UsageException("--receipt-out needs --id: the digital ID that signs the receipt");
    }
    List<String> addresses = Certificates.emails(ids.get(0).certificate());
    ReceiptResponse response = ReceiptResponse.decide(report, addresses, noReceipt, policy);
    command.terminal.err().println("signet: " + response.decision());
    if (!response.send()) {
      return;
    }
    if (!contentShown) {
      command.terminal.err().println("signet: receipt: not sent after all: the content was not shown");
      return;
    }
    DigitalId signer = response.askPassword() ? command.digitalId(idFiles.get(0)) : ids.get(0);
    String from = addresses.stream().findFirst().orElseThrow(
        () -> new UsageException("the receipt's signer has no address in its certificate"));
    try (StagedOutput staged = StagedOutput.to(Optional.of(receiptOut), command.terminal.out())) {
      command.smime().signReceipt(response.request().orElseThrow(), SignOptions.defaults(signer), from, staged.stream());
      staged.commit();
    }
  }
}
