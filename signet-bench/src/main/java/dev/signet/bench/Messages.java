package dev.signet.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Plain messages to protect: RFC 5322 headers and a base64 body of random bytes. */
final class Messages {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final int LINE_CHARS = 76;
  private static final byte[] HEADERS = ("From: alice@example.org\r\n"
      + "To: bob@example.org\r\n"
      + "Subject: benchmark\r\n"
      + "MIME-Version: 1.0\r\n"
      + "Content-Type: application/octet-stream\r\n"
      + "Content-Transfer-Encoding: base64\r\n"
      + "\r\n").getBytes(StandardCharsets.US_ASCII);

  private Messages() {}

  /**
   * A message of {@code size} bytes (a few bytes less when the last line cannot end on a whole
   * base64 quantum): headers, then lines of 76 base64 characters and CRLF. The same size always
   * gives the same message.
   */
  static byte[] base64Message(int size) {
    int bodyBytes = size - HEADERS.length;
    int fullLines = bodyBytes / (LINE_CHARS + CRLF.length);
    int lastLineChars = Math.max(0, (bodyBytes % (LINE_CHARS + CRLF.length) - CRLF.length) / 4 * 4);
    byte[] raw = new byte[(fullLines * LINE_CHARS + lastLineChars) / 4 * 3];
    new Random(size).nextBytes(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(HEADERS);
    out.writeBytes(Base64.getMimeEncoder(LINE_CHARS, CRLF).encode(raw));
    out.writeBytes(CRLF);
    return out.toByteArray();
  }
}
