package dev.signet.cli;

import dev.signet.core.SignedReceiptRequest;
import dev.signet.mail.SentReceipts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Keeps the receipt request of a message just signed in the person's store, for receipt verify and receipts list. */
final class SentRequests {
  private SentRequests() {}

  static void keep(StoreOption store, Terminal terminal, Optional<SignedReceiptRequest> request, byte[] message)
      throws IOException {
    Optional<Path> folder = store.inUse(terminal);
    if (request.isEmpty() || folder.isEmpty()) {
      return;
    }
    SentReceipts.in(folder.get()).keep(request.get(), subject(message), Instant.now());
    terminal.err().println("signet: receipts: keeping request " + request.get().request().contentIdentifier()
        + " in " + folder.get());
  }

  /** The Subject field's value, unfolded, or empty. */
  static String subject(byte[] message) {
    String text = new String(message, 0, Math.min(message.length, 64 * 1024), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String headers = (end < 0 ? text : text.substring(0, end)).replaceAll("\r?\n[ \t]+", " ");
    return headers.lines().filter(l -> l.regionMatches(true, 0, "Subject:", 0, 8)).findFirst()
        .map(l -> l.substring(8).trim()).orElse("");
  }
}
