package dev.signet.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox address (RFC 5322 addr-spec): the local part before the last "@" and the domain after it.
 * Two addresses are the same mailbox when their local parts are equal and their domains equal but for
 * case, as RFC 5280 section 7.5 compares them; the local part is never folded.
 */
public record EmailAddress(String localPart, String domain) {
  public EmailAddress {
    Objects.requireNonNull(localPart, "localPart");
    Objects.requireNonNull(domain, "domain");
    if (localPart.isEmpty() || domain.isEmpty()) {
      throw new IllegalArgumentException("an address has a local part and a domain");
    }
  }

  /** {@code text} as an address, split at its last "@"; empty when either side of it is missing. */
  public static Optional<EmailAddress> parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new EmailAddress(text.substring(0, at), text.substring(at + 1)));
  }

  /** The domain of {@code text}, or empty when it is not an address. */
  public static Optional<String> domainOf(String text) {
    return parse(text).map(EmailAddress::domain);
  }

  /** Whether this and {@code other} are the same mailbox. */
  public boolean sameMailbox(EmailAddress other) {
    return localPart.equals(other.localPart) && domain.equalsIgnoreCase(other.domain);
  }

  /** Whether this address is at {@code organisationDomain}, whatever the case of either. */
  public boolean isAt(String organisationDomain) {
    return domain.equalsIgnoreCase(organisationDomain);
  }

  /** The form kept and compared as text: the local part as written, the domain in lower case. */
  public String normalized() {
    return localPart + "@" + domain.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return localPart + "@" + domain;
  }
}
