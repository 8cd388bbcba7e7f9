package dev.signet.directory;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an LDAP directory.
 *
 * @param url {@code ldap://host:port} or {@code ldaps://host:port}; a DN in the path is the search base
 * @param bind who to bind as; anonymous when empty (enough to look up, rarely to publish)
 * @param names the attribute names this directory uses
 * @param people where entries that a publication creates go; empty: {@code ou=people} under the base
 * @param trustAnchors what an {@code ldaps://} server's certificate must chain to; empty: the system's CAs
 */
public record LdapSettings(URI url, Optional<Bind> bind, AttributeNames names, Optional<String> people,
    List<X509Certificate> trustAnchors) {
  public LdapSettings {
    Objects.requireNonNull(url, "url");
    if (!"ldap".equalsIgnoreCase(url.getScheme()) && !"ldaps".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("not an LDAP URL (ldap:// or ldaps://): " + url);
    }
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(people, "people");
    trustAnchors = List.copyOf(trustAnchors);
  }

  /** Anonymous, with the standard attribute names, trusting the system's CAs. */
  public static LdapSettings of(URI url) {
    return new LdapSettings(url, Optional.empty(), AttributeNames.STANDARD, Optional.empty(), List.of());
  }

  public LdapSettings withBind(String dn, char[] password) {
    return new LdapSettings(url, Optional.of(new Bind(dn, password)), names, people, trustAnchors);
  }

  public LdapSettings withNames(AttributeNames newNames) {
    return new LdapSettings(url, bind, newNames, people, trustAnchors);
  }

  public LdapSettings withPeople(String dn) {
    return new LdapSettings(url, bind, names, Optional.of(dn), trustAnchors);
  }

  /** Trusting only {@code anchors} (the organisation's own CA, say) for the server's TLS certificate. */
  public LdapSettings withTrustAnchors(List<X509Certificate> anchors) {
    return new LdapSettings(url, bind, names, people, anchors);
  }

  /** A simple bind; {@code toString} never shows the password. */
  public record Bind(String dn, char[] password) {
    public Bind {
      Objects.requireNonNull(dn, "dn");
      password = password.clone();
    }

    @Override
    public char[] password() {
      return password.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bind b && b.dn.equals(dn) && Arrays.equals(b.password, password);
    }

    @Override
    public int hashCode() {
      return dn.hashCode();
    }

    @Override
    public String toString() {
      return "Bind[" + dn + ", password redacted]";
    }
  }

  /**
   * Attribute names. OpenLDAP and Active Directory need the {@code ;binary} option on userCertificate
   * (RFC 4523), so it is the default; our embedded server accepts it too.
   */
  public record AttributeNames(String mail, String certificate, String signedCertificates) {
    public static final AttributeNames STANDARD =
        new AttributeNames("mail", "userCertificate;binary", "userSMIMECertificate");

    public AttributeNames {
      Objects.requireNonNull(mail, "mail");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(signedCertificates, "signedCertificates");
    }
  }
}
