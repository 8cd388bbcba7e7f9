package dev.signet.core.internal;

import dev.signet.core.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

/** The recipient addresses of a message: its To, Cc and Bcc fields, in order, each address once. */
public final class AddressFields {
  private AddressFields() {}

  public static List<String> recipients(InputStream message) throws IOException {
    HeaderBlock headers = HeaderBlock.read(new MimeInput(message), Limits.DEFAULT);
    List<String> out = new ArrayList<>();
    for (HeaderField f : headers.fields()) {
      if (f.name().equalsIgnoreCase("To") || f.name().equalsIgnoreCase("Cc") || f.name().equalsIgnoreCase("Bcc")) {
        Mailbox.parseList(f.value()).forEach(m -> m.address().filter(a -> !out.contains(a)).ifPresent(out::add));
      }
    }
    return out;
  }

  /** The message without its Bcc fields, so that no recipient learns who was sent a blind copy. */
  public static InputStream withoutBcc(InputStream message, Limits limits) throws IOException {
    MimeInput in = new MimeInput(message);
    if (!HeaderBlock.startsHeaders(in)) {
      return in.rest();
    }
    HeaderBlock headers = HeaderBlock.read(in, limits);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (HeaderField f : headers.without("Bcc").fields()) {
      head.write(f.raw());
    }
    boolean crlf = headers.fields().isEmpty() || endsWithCrlf(headers.fields().get(0).raw());
    head.write(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
    return new SequenceInputStream(new ByteArrayInputStream(head.toByteArray()), in.rest());
  }

  private static boolean endsWithCrlf(byte[] raw) {
    return raw.length >= 2 && raw[raw.length - 2] == '\r';
  }
}
