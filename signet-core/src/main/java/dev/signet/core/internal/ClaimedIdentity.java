package dev.signet.core.internal;

import dev.signet.core.DateField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a message says it is from, and when: every mailbox of every From field, the Sender field's,
 * and the Date field. A good signature binds only if its signer's certificate carries each of these
 * addresses, and its signing time should lie near that date.
 */
record ClaimedIdentity(List<HeaderMailbox> from, List<HeaderMailbox> sender, Optional<String> dateField) {
  ClaimedIdentity {
    from = List.copyOf(from);
    sender = List.copyOf(sender);
  }

  static ClaimedIdentity of(HeaderBlock headers) {
    return new ClaimedIdentity(mailboxes(headers, "From"), mailboxes(headers, "Sender"),
        headers.fields().stream().filter(f -> f.is("Date")).findFirst().map(HeaderField::value));
  }

  /** The moment the Date field gives, read only when a good signature's time is compared with it. */
  Optional<Instant> date() {
    return dateField.flatMap(DateField::read).map(OffsetDateTime::toInstant);
  }

  private static List<HeaderMailbox> mailboxes(HeaderBlock headers, String name) {
    List<HeaderMailbox> all = new ArrayList<>();
    headers.fields().stream().filter(f -> f.is(name)).forEach(f -> all.addAll(HeaderMailbox.parseList(f.value())));
    return all;
  }

  /** Every mailbox a reader may take for the author, From first. */
  List<HeaderMailbox> all() {
    List<HeaderMailbox> all = new ArrayList<>(from);
    all.addAll(sender);
    return all;
  }

  /** The first From address, the one a person is shown. */
  Optional<String> firstFromAddress() {
    return from.stream().flatMap(m -> m.address().stream()).findFirst();
  }
}
