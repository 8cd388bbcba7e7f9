package dev.signet.core.internal;

import dev.signet.core.Limits;
import java.io.IOException;
import java.io.InputStream;
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
}
