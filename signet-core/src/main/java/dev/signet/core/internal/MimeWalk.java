package dev.signet.core.internal;

import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ProtectedHeaders;
import dev.signet.core.Severity;
import dev.signet.core.UnsignedFooter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.bouncycastle.cms.CMSException;

/**
 * Walks a message in one streaming pass: bare CMS, or an RFC 5322 message whose MIME entities
 * (multiparts, forwarded messages, leaves) it writes out, handing clear signatures and CMS layers to
 * their readers.
 */
final class MimeWalk {
  private static final byte[] PEM_BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};
  private final Reading reading;
  private final Limits limits;
  private final ClearSignedReading clearSigned;
  private final CmsLayerReading cms;
  private int parts;

  MimeWalk(Reading reading) {
    this.reading = reading;
    this.limits = reading.limits();
    this.clearSigned = new ClearSignedReading(reading, this::readEntity);
    this.cms = new CmsLayerReading(reading, this::readEntity);
  }

  /** The whole input: CMS as DER or PEM, or a message. */
  Coverage read(MimeInput in, OutputStream out) throws IOException, CMSException {
    int first = in.peek();
    if (first < 0) {
      throw new MalformedInputException("the input is empty");
    }
    if (first == 0x30) {
      return cms.read(in.rest(), out, true, 0);
    } else if (in.startsWith(PEM_BEGIN)) {
      return cms.read(PemBody.open(in), out, true, 0);
    }
    return readMessage(in, out);
  }

  private Coverage readMessage(MimeInput in, OutputStream out) throws IOException, CMSException {
    if (!HeaderBlock.startsHeaders(in)) {
      throw new MalformedInputException("not an RFC 5322 message or CMS: the first line is not a header field");
    }
    HeaderBlock headers = HeaderBlock.read(in, limits);
    reading.setIdentity(Optional.of(ClaimedIdentity.of(headers)));
    Optional<String> from = reading.identity().get().firstFromAddress();
    if (headers.first("From").isPresent() && from.isEmpty()) {
      reading.report().add(Problem.of(ProblemCode.NO_FROM_ADDRESS, "the From field holds no address"));
    } else if (headers.first("From").isEmpty()) {
      reading.report().add(Problem.of(ProblemCode.NO_FROM_ADDRESS, "the message has no From field"));
    }
    reading.holdMessageHeaders(headers.filter(f -> !f.isContentField() && !f.is("MIME-Version")));
    Coverage coverage = readEntity(headers.filter(HeaderField::isContentField), in, out, 0);
    reading.writeMessageHeaders(out);
    return coverage;
  }

  /**
   * The root of the cryptographic payload (the first entity that is no layer, reached through
   * layers): when it carries protected header fields (RFC 9788, or protected-headers="v1"), they are
   * the message's, written in place of those outside, bind the signature, and are reported; where the
   * outside disagrees, that is a problem. Returns the root's own fields, for the entity to be written.
   */
  private HeaderBlock payloadRoot(HeaderBlock headers, OutputStream out) throws IOException {
    if (reading.heldMessageHeaders().isEmpty()) {
      return headers;
    }
    HeaderBlock outer = reading.heldMessageHeaders().get();
    Optional<ProtectedHeaders> found = reading.report().hasLayers() ? HeaderProtection.read(headers)
        : Optional.empty();
    if (found.isEmpty()) {
      reading.writeMessageHeaders(outer, out);
      return headers;
    }
    reading.report().foundProtectedHeaders(found.get());
    HeaderProtection.mismatches(outer, headers, found.get())
        .forEach(m -> reading.report().add(Problem.of(ProblemCode.PROTECTED_HEADER_MISMATCH, m)));
    HeaderBlock inner = HeaderProtection.inner(headers);
    if (inner.first("From").isPresent()) {
      reading.setIdentity(Optional.of(ClaimedIdentity.of(inner)));
    }
    reading.writeMessageHeaders(inner, out);
    return headers.filter(HeaderField::isContentField);
  }

  /** Reads one MIME entity, descending into multiparts and forwarded messages to find every layer. */
  private Coverage readEntity(HeaderBlock headers, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    if (depth > limits.maxDepth()) {
      throw new MalformedInputException("nesting deeper than " + limits.maxDepth());
    }
    ContentType type = headers.contentType();
    if (type.is("multipart/signed") && isSmimeProtocol(type)) {
      return clearSigned.read(type, body, out, depth);
    }
    if (type.isPkcs7Mime()) {
      try (ReadAheadStream content = new ReadAheadStream(decoded(headers, body))) {
        return cms.read(content, out, false, depth);
      }
    }
    if (type.is("multipart/signed")) {
      reading.report().add(Problem.of(ProblemCode.MALFORMED, "multipart/signed with protocol \""
          + type.parameter("protocol").orElse("") + "\" is not S/MIME: its signature is not checked"));
    }
    HeaderBlock own = payloadRoot(headers, out);
    if (type.isMultipart() && type.parameter("boundary").isPresent()) {
      return readMultipart(own, type.parameter("boundary").get(), body, out, depth);
    }
    if (type.is("message/rfc822")) {
      return readForwarded(own, body, out, depth);
    }
    return readLeaf(own, body, out);
  }

  private static boolean isSmimeProtocol(ContentType type) {
    String protocol = type.parameter("protocol").orElse("").toLowerCase(Locale.ROOT);
    return protocol.equals("application/pkcs7-signature") || protocol.equals("application/x-pkcs7-signature");
  }

  private Coverage readLeaf(HeaderBlock headers, MimeInput body, OutputStream out) throws IOException {
    boolean legacyDisplay = reading.report().hasProtectedHeaders() && !headers.transferEncoding().equals("base64")
        && headers.contentType().parameter("hp-legacy-display").filter("1"::equals).isPresent();
    if (legacyDisplay) {
      HeaderProtection.withoutLegacyDisplay(headers).writeCanonical(out);
      HeaderProtection.skipLegacyDisplay(body, limits);
    } else {
      headers.writeCanonical(out);
    }
    out.write(CRLF);
    ContentCopy.copy(body.rest(), out);
    return Coverage.LEAF;
  }

  /**
   * A multipart other than multipart/signed: each part read in turn and written between fresh
   * delimiters (preamble and epilogue are not content and are dropped).
   */
  private Coverage readMultipart(HeaderBlock headers, String boundary, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    headers.writeCanonical(out);
    out.write(CRLF);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    MimeInput.PartStream preamble = body.partUntil(boundary, true);
    preamble.transferTo(OutputStream.nullOutputStream());
    List<Coverage> covered = new ArrayList<>();
    boolean lastIsText = false;
    boolean more = preamble.found() && !preamble.closing();
    reading.enterMultipart();
    try {
      while (more) {
        countPart();
        MimeInput.PartStream part = body.partUntil(boundary, false);
        MimeInput partInput = new MimeInput(part);
        out.write(delimiter);
        out.write(CRLF);
        HeaderBlock partHeaders = HeaderBlock.read(partInput, limits);
        lastIsText = isInlineText(partHeaders);
        covered.add(readEntity(partHeaders, partInput, out, depth + 1));
        partInput.rest().transferTo(OutputStream.nullOutputStream());
        out.write(CRLF);
        more = part.found() && !part.closing();
      }
    } finally {
      reading.leaveMultipart();
    }
    out.write(delimiter);
    out.write("--\r\n".getBytes(StandardCharsets.US_ASCII));
    body.rest().transferTo(OutputStream.nullOutputStream());
    return combined(headers, depth, covered, lastIsText);
  }

  /** What the parts together hold; at the root, a mailing list's footer beside the signed part is reported. */
  private Coverage combined(HeaderBlock headers, int depth, List<Coverage> covered, boolean lastIsText) {
    if (depth == 0 && headers.contentType().is("multipart/mixed") && isListFooter(covered, lastIsText)) {
      reading.report().foundUnsignedFooter(new UnsignedFooter("text/plain"));
      reading.report().add(new Problem(ProblemCode.PARTIALLY_SIGNED, Severity.WARNING, Optional.empty(), "a footer"
          + " (text/plain) follows the signed part, as mailing lists append one: it is not covered by the signature"));
      return covered.get(0);
    }
    return covered.stream().reduce(Coverage.NONE, Coverage::and);
  }

  /**
   * The message's root holds a wholly signed entity, then one inline text/plain part: a mailing list's
   * footer. Any other mix (text before the signed part, an attachment, HTML) stays MIME wrapping.
   */
  private static boolean isListFooter(List<Coverage> covered, boolean lastIsText) {
    return covered.size() == 2 && covered.get(0).signed() && !covered.get(0).unsigned()
        && covered.get(1).equals(Coverage.LEAF) && lastIsText;
  }

  private static boolean isInlineText(HeaderBlock headers) {
    return headers.contentType().is("text/plain") && headers.first("Content-Disposition")
        .filter(d -> !d.value().strip().toLowerCase(Locale.ROOT).startsWith("inline")).isEmpty();
  }

  /** A forwarded message: its own From binds the signatures inside it. */
  private Coverage readForwarded(HeaderBlock headers, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    headers.writeCanonical(out);
    out.write(CRLF);
    if (body.peek() < 0 || !HeaderBlock.startsHeaders(body)) {
      ContentCopy.copy(body.rest(), out);
      return Coverage.LEAF;
    }
    HeaderBlock inner = HeaderBlock.read(body, limits);
    inner.filter(f -> !f.isContentField()).writeCanonical(out);
    Optional<ClaimedIdentity> outer = reading.identity();
    reading.setIdentity(Optional.of(ClaimedIdentity.of(inner)));
    try {
      return readEntity(inner.filter(HeaderField::isContentField), body, out, depth + 1);
    } finally {
      reading.setIdentity(outer);
    }
  }

  private void countPart() {
    if (++parts > limits.maxParts()) {
      throw new MalformedInputException("more than " + limits.maxParts() + " MIME parts");
    }
  }

  /** The entity's body with its Content-Transfer-Encoding undone. */
  static InputStream decoded(HeaderBlock headers, MimeInput body) {
    return switch (headers.transferEncoding()) {
      case "base64" -> new Base64Decoding(body.rest());
      case "quoted-printable" -> new QuotedPrintableInputStream(body.rest());
      case "7bit", "8bit", "binary" -> body.rest();
      default -> throw new MalformedInputException("unknown Content-Transfer-Encoding: " + headers.transferEncoding());
    };
  }
}
