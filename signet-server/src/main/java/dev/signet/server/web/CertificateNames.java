package dev.signet.server.web;

import dev.signet.core.SignerReport;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * How the reader names the parties of a certificate, as mail clients do: a signer as "Name
 * &lt;address&gt;" (the certificate's common name and address), an issuer by its common name or
 * organisation. The full distinguished names stay for the details.
 */
final class CertificateNames {
  private CertificateNames() {}

  /** "Alice Example &lt;alice@example.org&gt;"; the address alone when the name is the address or missing. */
  static String signer(SignerReport s) {
    Optional<String> name = attribute(s.subject(), "CN")
        .filter(cn -> s.email().map(e -> !e.equalsIgnoreCase(cn)).orElse(true));
    if (s.email().isEmpty()) {
      return name.orElse(s.subject());
    }
    return name.map(n -> n + " <" + s.email().get() + ">").orElse(s.email().get());
  }

  /** The issuer's common name, else its organisation, else the whole name. */
  static String issuer(String distinguishedName) {
    return attribute(distinguishedName, "CN").or(() -> attribute(distinguishedName, "O")).orElse(distinguishedName);
  }

  /** The most specific value of {@code type} in the name (LdapName lists the least specific first). */
  private static Optional<String> attribute(String distinguishedName, String type) {
    List<Rdn> rdns;
    try {
      rdns = new LdapName(distinguishedName).getRdns();
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    for (int i = rdns.size() - 1; i >= 0; i--) {
      if (rdns.get(i).getType().equalsIgnoreCase(type)) {
        return Optional.of(String.valueOf(rdns.get(i).getValue())).filter(v -> !v.isBlank());
      }
    }
    return Optional.empty();
  }
}
