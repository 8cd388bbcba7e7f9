package dev.signet.server;

import dev.signet.directory.LdapSettings;
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
}
