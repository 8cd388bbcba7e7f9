package dev.signet.core.internal;

import dev.signet.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The addresses of a message's fields: its recipients (To, Cc and Bcc, in order, each once) and its author. */
public final class AddressFields {
  private AddressFields() {}

  public static List<String> recipients(InputStream message) throws IOException {
    return addresses(message, List.of("To", "Cc", "Bcc"));
  }

  /** The addresses in the fields named {@code names} (any case), in order, each once. */
  public static List<String> addresses(InputStream message, List<String> names) throws IOException {
    HeaderBlock headers = HeaderBlock.read(new MimeInput(message), Limits.DEFAULT);
    List<String> out = new ArrayList<>();
    for (HeaderField f : headers.fields()) {
      if (names.stream().anyMatch(f.name()::equalsIgnoreCase)) {
        HeaderMailbox.parseList(f.value()).forEach(m -> m.address().filter(a -> !out.contains(a)).ifPresent(out::add));
      }
    }
    return out;
  }

  /** The first address of the first From field that holds one. */
  public static Optional<String> firstFrom(HeaderBlock headers) {
    return headers.fields().stream().filter(f -> f.is("From"))
        .flatMap(f -> HeaderMailbox.parseList(f.value()).stream())
        .flatMap(m -> m.address().stream()).findFirst();
  }
}
