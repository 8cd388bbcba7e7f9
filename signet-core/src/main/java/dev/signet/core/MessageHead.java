package dev.signet.core;

import dev.signet.core.internal.ContentType;
import dev.signet.core.internal.HeaderBlock;
import dev.signet.core.internal.HeaderField;
import dev.signet.core.internal.MimeInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.function.UnaryOperator;

/**
 * A message whose header block has been read ahead of its body, so that its recipients and Subject
 * are known while the body is still to stream: composing never holds a whole message in memory.
 */
public final class MessageHead {
  private final byte[] head;
  private final ContentType type;
  private final InputStream rest;

  private MessageHead(byte[] head, ContentType type, InputStream rest) {
    this.head = head;
    this.type = type;
    this.rest = rest;
  }

  /** Reads {@code message}'s header block within {@code limits}; the body stays unread. */
  public static MessageHead read(InputStream message, Limits limits) throws IOException {
    return read(message, limits, UnaryOperator.identity());
  }

  /** As {@link #read(InputStream, Limits)}, keeping only the header fields {@code edit} leaves. */
  static MessageHead read(InputStream message, Limits limits, UnaryOperator<HeaderBlock> edit) throws IOException {
    MimeInput in = new MimeInput(message);
    if (!HeaderBlock.startsHeaders(in)) {
      return new MessageHead(new byte[0], ContentType.DEFAULT, in.rest());
    }
    HeaderBlock headers = HeaderBlock.read(in, limits);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (HeaderField f : edit.apply(headers).fields()) {
      head.write(f.raw());
    }
    // The blank line that ends the block keeps the message's own line ending.
    boolean crlf = headers.fields().isEmpty() || endsWithCrlf(headers.fields().get(0).raw());
    head.write(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
    return new MessageHead(head.toByteArray(), headers.contentType(), in.rest());
  }

  private static boolean endsWithCrlf(byte[] raw) {
    return raw.length >= 2 && raw[raw.length - 2] == '\r';
  }

  /** The header block, up to and including the blank line that ends it; empty when the message has none. */
  public byte[] bytes() {
    return head.clone();
  }

  /** Whether the message is S/MIME signed already: multipart/signed, or pkcs7-mime signed-data. */
  public boolean signed() {
    boolean pkcs7 = type.is("application/pkcs7-mime") || type.is("application/x-pkcs7-mime");
    return type.is("multipart/signed")
        || (pkcs7 && type.parameter("smime-type").filter(t -> t.equalsIgnoreCase("signed-data")).isPresent());
  }

  /** The whole message: the header block, then the body as it streams. Read it once. */
  public InputStream message() {
    return new SequenceInputStream(new ByteArrayInputStream(head), rest);
  }
}
