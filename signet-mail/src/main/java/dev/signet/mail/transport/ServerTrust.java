package dev.signet.mail.transport;

import dev.signet.core.TlsTrust;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * Whom a mail server's TLS certificate must chain to: the given anchors (such as the organisation's
 * CA), or the system's trust store when none are given.
 */
public record ServerTrust(List<X509Certificate> anchors) {
  public ServerTrust {
    anchors = List.copyOf(anchors);
  }

  /** The JDK's own trust store (the public CAs). */
  public static ServerTrust system() {
    return new ServerTrust(List.of());
  }

  public static ServerTrust anchoredAt(List<X509Certificate> anchors) {
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("no trust anchors given");
    }
    return new ServerTrust(anchors);
  }

  SSLSocketFactory socketFactory() {
    return new NoDelaySockets(TlsTrust.clientContext(anchors).getSocketFactory());
  }
}
