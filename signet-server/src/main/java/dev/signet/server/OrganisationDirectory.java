package dev.signet.server;

import dev.signet.directory.LdapSettings;
import dev.signet.mail.transport.MailServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Where the organisation publishes certificates: the embedded directory, or its own LDAP server. */
public sealed interface OrganisationDirectory {

  /**
   * The embedded directory (UnboundID) on a loopback {@code port}, with StartTLS there and LDAPS on
   * {@code ldapsPort} (the service's TLS certificate), kept in the data folder; 0 picks a free port.
   */
  record Embedded(int port, int ldapsPort) implements OrganisationDirectory {
    public Embedded {
      for (int p : new int[] {port, ldapsPort}) {
        if (p < 0 || p > 65535) {
          throw new IllegalArgumentException("not a port: " + p);
        }
      }
    }
  }

  /** An LDAP server (OpenLDAP, 389-DS, Active Directory), bound as {@code settings} say; it holds the entries. */
  record Ldap(LdapSettings settings) implements OrganisationDirectory {
    public Ldap {
      Objects.requireNonNull(settings, "settings");
    }
  }

  /** The embedded directory on {@code port}, LDAPS on a free port. */
  static Embedded embedded(int port) {
    return new Embedded(port, 0);
  }

  static Embedded embedded(int port, int ldapsPort) {
    return new Embedded(port, ldapsPort);
  }

  static OrganisationDirectory ldap(LdapSettings settings) {
    return new Ldap(settings);
  }

  /**
   * The organisation's LDAP server at {@code url} (ldaps://HOST[:PORT]/BASE-DN; ldap:// only on loopback,
   * where the bind password does not cross a network in clear), bound as {@code bindDn}, its TLS
   * certificate chaining to {@code trust} (the system's CAs when empty).
   */
  static OrganisationDirectory ldap(String url, String bindDn, char[] password, List<X509Certificate> trust) {
    LdapSettings settings;
    try {
      settings = LdapSettings.of(new URI(url));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an LDAP URL: " + url, e);
    }
    String host = settings.url().getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + url);
    }
    if ("ldap".equalsIgnoreCase(settings.url().getScheme()) && !MailServer.loopback(host)) {
      throw new IllegalArgumentException("use ldaps:// for " + host + ": the bind password would travel in clear");
    }
    return ldap(settings.withBind(bindDn, password).withTrustAnchors(trust));
  }
}
