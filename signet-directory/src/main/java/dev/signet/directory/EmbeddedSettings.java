package dev.signet.directory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the embedded directory runs.
 *
 * @param dataFolder where its entries are kept ({@code gal.ldif}, rewritten whole on every change)
 * @param baseDn the organisation's base, e.g. {@code dc=example,dc=org}
 * @param listenAddress the address it listens on (default: loopback only)
 * @param port the LDAP port (default 1389; 0 picks a free one)
 * @param adminPassword the password of {@code cn=admin,<baseDn>}, which may write any entry
 * @param anonymousRead whether an anonymous search may read the public attributes (mail, names, certificates)
 * @param tls when present, StartTLS on the LDAP port and LDAPS on a port of its own
 */
public record EmbeddedSettings(Path dataFolder, String baseDn, String listenAddress, int port, char[] adminPassword,
    boolean anonymousRead, Optional<Tls> tls) {
  public static final int DEFAULT_PORT = 1389;
  public static final int DEFAULT_LDAPS_PORT = 1636;

  /**
   * The server's TLS: its key and certificate in {@code context}, offered by StartTLS on the LDAP port
   * and on connect on {@code ldapsPort} (0 picks a free port).
   */
  public record Tls(SSLContext context, int ldapsPort) {
    public Tls {
      Objects.requireNonNull(context, "context");
      checkPort(ldapsPort);
    }
  }

  public EmbeddedSettings {
    Objects.requireNonNull(dataFolder, "dataFolder");
    Objects.requireNonNull(baseDn, "baseDn");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(tls, "tls");
    checkPort(port);
    if (adminPassword.length == 0) {
      throw new IllegalArgumentException("the administrator needs a password");
    }
    adminPassword = adminPassword.clone();
  }

  /** Loopback, port 1389, anonymous read on, no TLS, the base DN made from the organisation's domain. */
  public static EmbeddedSettings forDomain(Path dataFolder, String domain, char[] adminPassword) {
    return new EmbeddedSettings(dataFolder, baseDnOf(domain), "127.0.0.1", DEFAULT_PORT, adminPassword, true,
        Optional.empty());
  }

  /** {@code example.org} becomes {@code dc=example,dc=org}. */
  public static String baseDnOf(String domain) {
    if (!domain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
      throw new IllegalArgumentException("not a domain name: " + domain);
    }
    return "dc=" + String.join(",dc=", domain.toLowerCase(Locale.ROOT).split("\\."));
  }

  public String adminDn() {
    return "cn=admin," + baseDn;
  }

  @Override
  public char[] adminPassword() {
    return adminPassword.clone();
  }

  public EmbeddedSettings withPort(int newPort) {
    return new EmbeddedSettings(dataFolder, baseDn, listenAddress, newPort, adminPassword, anonymousRead, tls);
  }

  public EmbeddedSettings withListenAddress(String address) {
    return new EmbeddedSettings(dataFolder, baseDn, address, port, adminPassword, anonymousRead, tls);
  }

  public EmbeddedSettings withAnonymousRead(boolean allowed) {
    return new EmbeddedSettings(dataFolder, baseDn, listenAddress, port, adminPassword, allowed, tls);
  }

  /** StartTLS on the LDAP port and LDAPS on {@code ldapsPort}, with the key and certificate of {@code context}. */
  public EmbeddedSettings withTls(SSLContext context, int ldapsPort) {
    return new EmbeddedSettings(dataFolder, baseDn, listenAddress, port, adminPassword, anonymousRead,
        Optional.of(new Tls(context, ldapsPort)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmbeddedSettings s && s.dataFolder.equals(dataFolder) && s.baseDn.equals(baseDn)
        && s.listenAddress.equals(listenAddress) && s.port == port && Arrays.equals(s.adminPassword, adminPassword)
        && s.anonymousRead == anonymousRead && s.tls.equals(tls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataFolder, baseDn, listenAddress, port, anonymousRead, tls);
  }

  @Override
  public String toString() {
    return "EmbeddedSettings[" + dataFolder + ", " + baseDn + ", " + listenAddress + ":" + port
        + ", anonymous read " + (anonymousRead ? "on" : "off")
        + tls.map(t -> ", StartTLS, LDAPS on " + t.ldapsPort()).orElse(", no TLS") + ", admin password redacted]";
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
  }
}
