package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The decoded body of a PEM block ("-----BEGIN ...-----" to "-----END ...-----"), streamed. */
final class PemBody {
  private static final int MAX_LINE = 4096;

  private PemBody() {}

  static InputStream open(MimeInput in) throws IOException {
    byte[] begin = in.readLine(MAX_LINE);
    String label = new String(begin, StandardCharsets.US_ASCII).trim();
    if (!label.endsWith("-----")) {
      throw new MalformedInputException("malformed PEM header line");
    }
    InputStream text = new BlockInputStream() {
      private InputStream line = InputStream.nullInputStream();
      private boolean ended;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
          int r = line.read(b, off, len);
          if (r > 0) {
            return r;
          }
          if (ended) {
            return -1;
          }
          byte[] next = in.readLine(MAX_LINE);
          if (next == null) {
            throw new MalformedInputException("PEM block without its END line");
          }
          if (new String(next, StandardCharsets.US_ASCII).startsWith("-----END")) {
            ended = true;
          } else {
            line = new ByteArrayInputStream(next);
          }
        }
      }
    };
    return new Base64Decoding(text);
  }
}
