package dev.signet.server.web;

import dev.signet.core.ErrorLine;
import dev.signet.core.FailureKind;
import io.javalin.config.MultipartConfig;
import io.javalin.config.SizeUnit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A file attached to a message. Its name and type come from someone else (an upload, a received
 * message) and are untrusted: the name keeps no path, no control character and no quote, and is
 * never used as a path on the server; the type is a plain leaf type or application/octet-stream.
 */
record Attachment(String name, String type, byte[] content) {
  static final int MAX_COUNT = 10;
  /** The type of a message attached whole, as a forward carries the original. */
  static final String MESSAGE = "message/rfc822";
  static final int MAX_BYTES = 4 << 20;
  static final long MAX_TOTAL_BYTES = 10L << 20;
  static final String LIMITS = "Attachments: at most 10 files, 4 MB each and 10 MB in all.";
  private static final int MAX_NAME_CHARS = 200;
  private static final Pattern TOKEN_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
  private static final String ATTR_CHARS = "!#$&+-.^_`|~"; // RFC 2231 attribute-char, besides letters and digits

  Attachment {
    name = safeName(name);
    type = safeType(type);
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  int size() {
    return content.length;
  }

  /**
   * Uploads are held in memory only, never spilled to a temporary file in clear, and bounded: a file
   * at most {@link #MAX_BYTES}, a whole form at most the attachments plus the body.
   */
  static void holdUploadsInMemory(MultipartConfig config) {
    config.maxFileSize(MAX_BYTES, SizeUnit.BYTES);
    config.maxInMemoryFileSize(MAX_BYTES + 1, SizeUnit.BYTES);
    config.maxTotalRequestSize(MAX_TOTAL_BYTES + (2L << 20), SizeUnit.BYTES);
  }

  /**
   * The last path segment of {@code untrusted} (either slash), without control characters, quotes or
   * backslashes, without leading dots and spaces, at most 200 characters; "attachment" if nothing is left.
   */
  static String safeName(String untrusted) {
    String last = untrusted.substring(Math.max(untrusted.lastIndexOf('/'), untrusted.lastIndexOf('\\')) + 1);
    StringBuilder s = new StringBuilder();
    last.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029)
        .limit(MAX_NAME_CHARS).forEach(s::appendCodePoint);
    String name = s.toString().replaceFirst("^[. ]+", "").strip();
    return name.isEmpty() ? "attachment" : name;
  }

  private static String safeType(String untrusted) {
    String t = untrusted.toLowerCase(Locale.ROOT).strip();
    int semicolon = t.indexOf(';');
    t = semicolon < 0 ? t : t.substring(0, semicolon).strip();
    boolean container = t.startsWith("multipart/") || t.startsWith("message/") && !t.equals(MESSAGE);
    return TOKEN_TYPE.matcher(t).matches() && !container ? t : "application/octet-stream";
  }

  /**
   * The refusal for a form Jetty's multipart parser would not read: over the limits above (its
   * messages say "... exceeded"), or malformed (a bad message).
   */
  static Optional<WebRefusal> refusedUpload(Throwable e) {
    List<Throwable> causes = ErrorLine.causes(e);
    if (causes.stream().anyMatch(t -> t.getMessage() != null && t.getMessage().contains(" exceeded"))) {
      return Optional.of(new WebRefusal(FailureKind.TOO_LARGE, LIMITS + " Nothing was sent or saved."));
    }
    return causes.stream().anyMatch(BadMessageException.class::isInstance)
        ? Optional.of(new WebRefusal(FailureKind.MALFORMED_INPUT,
            "The form could not be read; nothing was sent or saved."))
        : Optional.empty();
  }

  /** An ASCII stand-in for the name, for a plain {@code filename="..."}: other characters become '_'. */
  String asciiName() {
    return name.chars().map(c -> c < 0x20 || c > 0x7e ? '_' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  /** The name as an RFC 2231 extended value: {@code UTF-8''} and every byte outside attribute-char %-encoded. */
  String extendedName() {
    StringBuilder s = new StringBuilder("UTF-8''");
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
        s.append((char) c);
      } else {
        s.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return s.toString();
  }

  /** The Content-Disposition value that offers this file for saving, never for showing (RFC 6266). */
  String disposition() {
    return "attachment; filename=\"" + asciiName() + "\"; filename*=" + extendedName();
  }

  /** Whether the content is 8bit text (RFC 2045 2.8): no NUL, CR and LF only as CRLF, lines of at most 998 octets. */
  private boolean eightBitLines() {
    int line = 0;
    for (int i = 0; i < content.length; i++) {
      byte b = content[i];
      boolean crlf = b == '\r' && i + 1 < content.length && content[i + 1] == '\n';
      if (b == 0 || b == '\r' && !crlf || b == '\n' && (i == 0 || content[i - 1] != '\r') || ++line > 998) {
        return false;
      }
      if (b == '\n') {
        line = 0;
      }
    }
    return true;
  }

  /**
   * The body part of a multipart/mixed message: its headers and its content in base64 lines, or, for a
   * message attached that is valid 8bit text, the message as it is (RFC 2046 5.2.1 prefers that).
   */
  void writePart(ByteArrayOutputStream out) {
    boolean message = type.equals(MESSAGE) && eightBitLines();
    String head = "Content-Type: " + type + "\r\nContent-Disposition: " + disposition()
        + "\r\nContent-Transfer-Encoding: " + (message ? "8bit" : "base64") + "\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(message ? content : Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(content));
    if (!message || content.length == 0 || content[content.length - 1] != '\n') {
      out.writeBytes(new byte[] {'\r', '\n'});
    }
  }
}
