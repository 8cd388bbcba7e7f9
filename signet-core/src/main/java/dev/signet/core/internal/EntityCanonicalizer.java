package dev.signet.core.internal;

import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Writes a MIME entity in canonical form in one pass: CRLF line breaks, and, for signing, every
 * leaf made 7-bit safe (8-bit text as quoted-printable, binary as base64). A leaf that claims to
 * be 7-bit is staged in a {@link SpillBuffer} to check that claim, since its header comes first.
 */
public final class EntityCanonicalizer {

  /** What the canonical form must survive. */
  public enum Target {
    /** Signed content: 7-bit safe, so no mail transfer agent can alter it. */
    SEVEN_BIT,
    /** Content inside CMS: line breaks canonical, 8-bit and binary kept. */
    EIGHT_BIT
  }

  private static final int MAX_LINE = 998;
  private final Target target;
  private final Limits limits;
  private final SecureRandom random;
  private int parts;
  private Optional<String> legacyDisplay = Optional.empty();

  public EntityCanonicalizer(Target target, Limits limits, SecureRandom random) {
    this.target = target;
    this.limits = limits;
    this.random = random;
  }

  /**
   * The text the main body part opens with, marked {@code hp-legacy-display="1"} (RFC 9788): the
   * first leaf, when it is text/plain and not base64 (whose encoding cannot be extended in one pass).
   */
  public EntityCanonicalizer withLegacyDisplay(Optional<String> text) {
    legacyDisplay = text;
    return this;
  }

  /** Writes the entity whose headers were read and whose body follows in {@code body}. */
  public void write(HeaderBlock headers, MimeInput body, OutputStream out, int depth) throws IOException {
    if (depth > limits.maxDepth()) {
      throw new MalformedInputException("MIME nesting deeper than " + limits.maxDepth());
    }
    if (++parts > limits.maxParts()) {
      throw new MalformedInputException("more than " + limits.maxParts() + " MIME parts");
    }
    ContentType type = headers.contentType();
    if (type.isMultipart()) {
      writeMultipart(headers, type, body, out, depth);
    } else if (type.is("message/rfc822") && !isEncoded(headers)) {
      legacyDisplay = Optional.empty();
      writeHeaders(retagged(headers, "7bit"), out);
      HeaderBlock inner = HeaderBlock.read(body, limits);
      write(inner, body, out, depth + 1);
    } else {
      writeLeaf(headers, type, body.rest(), out);
    }
  }

  private static boolean isEncoded(HeaderBlock headers) {
    String cte = headers.transferEncoding();
    return cte.equals("base64") || cte.equals("quoted-printable");
  }

  private void writeMultipart(HeaderBlock headers, ContentType type, MimeInput body, OutputStream out, int depth)
      throws IOException {
    String boundary = type.parameter("boundary")
        .orElseThrow(() -> new MalformedInputException(type.type() + " without a boundary parameter"));
    writeHeaders(target == Target.SEVEN_BIT ? retagged(headers, "7bit") : headers, out);
    MimeInput.PartStream preamble = body.partUntil(boundary, true);
    copyText(preamble, out);
    if (!preamble.found()) {
      throw new MalformedInputException(type.type() + " has no part delimited by its boundary");
    }
    boolean closing = false;
    while (!closing) {
      out.write(("\r\n--" + boundary + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      MimeInput.PartStream part = body.partUntil(boundary, false);
      MimeInput partInput = new MimeInput(part);
      HeaderBlock partHeaders = HeaderBlock.read(partInput, limits);
      write(partHeaders, partInput, out, depth + 1);
      partInput.rest().transferTo(OutputStream.nullOutputStream());
      if (!part.found()) {
        throw new MalformedInputException(type.type() + " ends without its close delimiter");
      }
      closing = part.closing();
    }
    out.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    body.rest().transferTo(OutputStream.nullOutputStream());
  }

  private void writeLeaf(HeaderBlock leafHeaders, ContentType type, InputStream leafContent, OutputStream out)
      throws IOException {
    String cte = leafHeaders.transferEncoding();
    HeaderBlock headers = leafHeaders;
    InputStream content = leafContent;
    Optional<String> legacy = legacyDisplay;
    legacyDisplay = Optional.empty();
    if (legacy.isPresent() && type.is("text/plain") && !cte.equals("base64") && !cte.equals("x-uuencode")) {
      headers = headers.withParameter("Content-Type", "hp-legacy-display", "1");
      byte[] text = legacy.get().getBytes(StandardCharsets.ISO_8859_1);
      content = new SequenceInputStream(new ByteArrayInputStream(cte.equals("quoted-printable")
          ? quotedPrintable(text) : text), content);
    }
    switch (cte) {
      case "base64", "quoted-printable", "x-uuencode" -> {
        writeHeaders(headers, out);
        copyText(content, out);
      }
      case "binary" -> writeUnsafe(headers, type, content, out, true);
      case "8bit" -> writeUnsafe(headers, type, content, out, false);
      case "7bit" -> writeClaimedSevenBit(headers, type, content, out);
      default -> throw new MalformedInputException("unknown Content-Transfer-Encoding: " + cte);
    }
  }

  private void writeClaimedSevenBit(HeaderBlock headers, ContentType type, InputStream content, OutputStream out)
      throws IOException {
    if (target == Target.EIGHT_BIT) {
      writeHeaders(headers, out);
      copyText(content, out);
      return;
    }
    try (SpillBuffer staged = new SpillBuffer(random)) {
      SevenBitCheck check = new SevenBitCheck(staged);
      content.transferTo(check);
      try (InputStream again = staged.openInput()) {
        if (check.clean()) {
          writeHeaders(headers, out);
          copyText(again, out);
        } else {
          writeUnsafe(headers, type, again, out, false);
        }
      }
    }
  }

  private void writeUnsafe(HeaderBlock headers, ContentType type, InputStream content, OutputStream out,
      boolean binary) throws IOException {
    if (target == Target.EIGHT_BIT) {
      writeHeaders(headers, out);
      if (binary) {
        content.transferTo(out);
      } else {
        copyText(content, out);
      }
      return;
    }
    if (type.isText() && !binary) {
      writeHeaders(retagged(headers, "quoted-printable"), out);
      try (OutputStream text = new CrlfOutputStream(new QuotedPrintableEncoding(new NonClosing(out)))) {
        content.transferTo(text);
      }
    } else {
      writeHeaders(retagged(headers, "base64"), out);
      OutputStream b64 = new Base64Encoding(out);
      try (OutputStream data = binary ? b64 : new CrlfOutputStream(b64)) {
        content.transferTo(data);
      }
    }
  }

  private static byte[] quotedPrintable(byte[] text) throws IOException {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (OutputStream qp = new QuotedPrintableEncoding(encoded)) {
      qp.write(text);
    }
    return encoded.toByteArray();
  }

  private static HeaderBlock retagged(HeaderBlock headers, String cte) {
    if (headers.first("Content-Transfer-Encoding").isEmpty() && cte.equals("7bit")) {
      return headers;
    }
    return headers.without("Content-Transfer-Encoding").with(HeaderField.of("Content-Transfer-Encoding", cte));
  }

  private static void writeHeaders(HeaderBlock headers, OutputStream out) throws IOException {
    headers.writeCanonical(out);
    out.write('\r');
    out.write('\n');
  }

  private static void copyText(InputStream in, OutputStream out) throws IOException {
    in.transferTo(new CrlfOutputStream(out));
  }

  /** Passes bytes through, noting any that 7-bit transport would not carry unchanged. */
  private static final class SevenBitCheck extends OutputStream {
    private final OutputStream out;
    private boolean clean = true;
    private int lineLength;
    /** The last byte was a CR: bare unless an LF follows, perhaps at the start of the next write. */
    private boolean afterCr;

    SevenBitCheck(OutputStream out) {
      this.out = out;
    }

    boolean clean() {
      return clean && !afterCr;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (clean) {
        for (int i = off; i < off + len; i++) {
          byte c = b[i];
          boolean bareCr = afterCr && c != '\n';
          afterCr = c == '\r';
          if (c == '\n') {
            lineLength = 0;
          } else if (bareCr || c <= 0 || ++lineLength > MAX_LINE) {
            clean = false;
            break;
          }
        }
      }
      out.write(b, off, len);
    }
  }

  /** Lets an encoder flush its tail on close without closing the stream beneath it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
