package dev.signet.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a message says it is from: every mailbox of every From field, and the Sender field's. A
 * good signature binds only if its signer's certificate carries each of these addresses.
 */
record ClaimedIdentity(List<Mailbox> from, List<Mailbox> sender) {
  ClaimedIdentity {
    from = List.copyOf(from);
    sender = List.copyOf(sender);
  }

  static ClaimedIdentity of(HeaderBlock headers) {
    return new ClaimedIdentity(mailboxes(headers, "From"), mailboxes(headers, "Sender"));
  }

  private static List<Mailbox> mailboxes(HeaderBlock headers, String name) {
    List<Mailbox> all = new ArrayList<>();
    headers.fields().stream().filter(f -> f.is(name)).forEach(f -> all.addAll(Mailbox.parseList(f.value())));
    return all;
  }

  /** Every mailbox a reader may take for the author, From first. */
  List<Mailbox> all() {
    List<Mailbox> all = new ArrayList<>(from);
    all.addAll(sender);
    return all;
  }

  /** The first From address, the one a person is shown. */
  Optional<String> firstFromAddress() {
    return from.stream().flatMap(m -> m.address().stream()).findFirst();
  }
}
