package dev.signet.cli;

import dev.signet.core.SignedReceiptRequest;
import dev.signet.mail.SentReceipts;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Keeps the receipt request of a message just signed in the person's store, for receipt verify and receipts list. */
final class SentRequests {
  /** Where a message's Subject is looked for. */
  private static final int HEAD_BYTES = 64 * 1024;

  private SentRequests() {}

  /** A message read as it streams past, keeping its head: where the Subject is, for the kept request. */
  static final class Head extends FilterInputStream {
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();

    Head(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && head.size() < HEAD_BYTES) {
        head.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        head.write(b, off, Math.min(n, Math.max(0, HEAD_BYTES - head.size())));
      }
      return n;
    }

    byte[] bytes() {
      return head.toByteArray();
    }
  }

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
    String text = new String(message, 0, Math.min(message.length, HEAD_BYTES), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String headers = (end < 0 ? text : text.substring(0, end)).replaceAll("\r?\n[ \t]+", " ");
    return headers.lines().filter(l -> l.regionMatches(true, 0, "Subject:", 0, 8)).findFirst()
        .map(l -> l.substring(8).trim()).orElse("");
  }
}
