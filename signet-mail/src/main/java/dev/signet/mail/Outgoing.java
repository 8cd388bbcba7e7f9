package dev.signet.mail;

import dev.signet.core.ComposePlan;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A new message as planned: what policy decided (each decision with the setting that made it) and
 * where each recipient's certificate came from. Its recipients, Bcc included, are the SMTP envelope's.
 */
public record Outgoing(ComposePlan plan, List<RecipientLookup.Found> recipients) {
  public Outgoing {
    Objects.requireNonNull(plan, "plan");
    recipients = List.copyOf(recipients);
  }

  /** Every recipient's address, Bcc included. */
  public List<String> addresses() {
    return recipients.stream().map(f -> f.recipient().address()).toList();
  }

  /**
   * The copies this message goes out as, each with its own recipients (its SMTP envelope). Encrypted,
   * the To and Cc recipients share one copy encrypted to none of the {@code blind} (Bcc) recipients, and
   * each Bcc recipient gets a copy of their own, encrypted to them and the sender only: no one learns of
   * a Bcc recipient from a RecipientInfo (as from the header, which compose removes; RFC 5322 section
   * 3.6.3 shows the same choice). Not encrypted, one copy serves everyone.
   */
  public List<Outgoing> copies(Collection<String> blind) {
    List<RecipientLookup.Found> hidden = recipients.stream().filter(f -> among(f, blind)).toList();
    if (!plan.encrypt() || hidden.isEmpty()) {
      return List.of(this);
    }
    List<Outgoing> copies = new ArrayList<>();
    List<RecipientLookup.Found> named = recipients.stream().filter(f -> !among(f, blind)).toList();
    if (!named.isEmpty()) {
      copies.add(only(named));
    }
    hidden.forEach(f -> copies.add(only(List.of(f))));
    return copies;
  }

  private static boolean among(RecipientLookup.Found f, Collection<String> addresses) {
    return addresses.stream().anyMatch(f.recipient().address()::equalsIgnoreCase);
  }

  /** The copy for {@code these}: encrypted to their certificates and the sender's, to no other recipient's. */
  private Outgoing only(List<RecipientLookup.Found> these) {
    Set<X509Certificate> theirs = certificates(these);
    Set<X509Certificate> others = certificates(recipients.stream().filter(f -> !these.contains(f)).toList());
    return new Outgoing(plan.withEncryptTo(plan.encryptTo().stream()
        .filter(c -> theirs.contains(c) || !others.contains(c)).toList()), these);
  }

  private static Set<X509Certificate> certificates(List<RecipientLookup.Found> found) {
    return found.stream().flatMap(f -> f.recipient().certificate().stream()).collect(Collectors.toSet());
  }
}
