package dev.signet.cli;

import dev.signet.core.DigitalId;
import dev.signet.core.Problem;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptReport;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.SignerReport;
import dev.signet.mail.SentReceipts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "receipt", mixinStandardHelpOptions = true, description = "Signed receipts (RFC 2634).",
    subcommands = {ReceiptCommand.Verify.class})
final class ReceiptCommand extends VerbFamily {
  /** A receipt is a few hundred bytes and a certificate chain. */
  private static final int MAX_RECEIPT_BYTES = 1 << 20;

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a signed receipt (--in) against the message it answers (--original, else the request"
          + " kept in the store when it was sent): exit 0 valid, 1 not. A valid one is noted for receipts list.")
  static final class Verify extends CommandBase {
    @Option(names = "--original", paramLabel = "SENT.eml",
        description = "The message as it was sent, with its receipt request (default: the store's record).")
    Path original;

    @Option(names = "--id", paramLabel = "ID.p12", description = "A digital ID to open an encrypted sent copy; repeatable.")
    List<Path> ids = new ArrayList<>();

    @Mixin ReadingOptions reading;

    @Mixin StoreOption store;

    @Override
    public Integer call() throws Exception {
      byte[] receipt;
      try (InputStream in = input()) {
        receipt = in.readNBytes(MAX_RECEIPT_BYTES + 1);
      }
      if (receipt.length > MAX_RECEIPT_BYTES) {
        throw new UsageException("a signed receipt larger than " + MAX_RECEIPT_BYTES + " bytes");
      }
      SignedReceiptRequest request = original != null ? requestIn(original) : kept(receipt);
      ReadOptions options = reading.apply(ReadOptions.verify(List.of()), terminal);
      ReceiptReport report = smime().withClock(reading.clock())
          .verifyReceipt(new ByteArrayInputStream(receipt), request, options);
      print(report);
      if (report.valid()) {
        note(request, report);
      }
      return report.valid() ? Cli.OK : 1;
    }

    /** The receipt request of the sent message, as its signer signed it. */
    private SignedReceiptRequest requestIn(Path sent) throws IOException {
      List<DigitalId> keys = new ArrayList<>();
      for (Path p : ids) {
        keys.add(idFile(p));
      }
      try (InputStream in = Files.newInputStream(sent)) {
        return smime().read(in, ReadOptions.readAll(keys, List.of()), OutputStream.nullOutputStream())
            .receiptRequester().flatMap(SignerReport::receiptRequest)
            .orElseThrow(() -> new UsageException(sent + " asks for no signed receipt"));
      }
    }

    private SignedReceiptRequest kept(byte[] receipt) throws IOException {
      String id = smime().receiptContent(new ByteArrayInputStream(receipt)).contentIdentifier();
      Path folder = store.inUse(terminal).orElseThrow(() -> new UsageException("give --original: there is no store"
          + " with the requests sent"));
      return SentReceipts.in(folder).find(id).orElseThrow(() -> new UsageException("no request " + id
          + " was kept in " + folder + ": give --original"));
    }

    private void note(SignedReceiptRequest request, ReceiptReport report) throws IOException {
      Optional<Path> folder = store.inUse(terminal);
      if (folder.isEmpty()) {
        return;
      }
      SignerReport signer = report.signers().get(0);
      String from = signer.email().orElse(signer.subject());
      String id = request.request().contentIdentifier();
      if (SentReceipts.in(folder.get()).received(id, from, signer.signingTime().orElse(Instant.now()))) {
        terminal.err().println("signet: receipts: noted the receipt of " + from + " for " + id);
      }
    }

    private void print(ReceiptReport report) {
      var err = terminal.err();
      err.println("receipt: " + (report.valid() ? "valid" : "NOT valid")
          + report.receipt().map(r -> " (content identifier " + r.contentIdentifier() + ")").orElse(""));
      for (SignerReport s : report.signers()) {
        err.println("  signed by " + s.email().orElse(s.subject()) + ": "
            + (s.signatureValid() ? "signature valid" : "signature INVALID") + ", " + s.trust().name().toLowerCase(Locale.ROOT)
            + s.signingTime().map(t -> ", at " + t).orElse(""));
      }
      for (Problem p : report.problems()) {
        err.println("  " + p.severity().name().toLowerCase(Locale.ROOT) + ": " + p.code() + ": " + p.message());
      }
      err.flush();
    }
  }
}
