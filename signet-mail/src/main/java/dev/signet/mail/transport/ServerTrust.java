package dev.signet.mail.transport;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

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
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(anchors.isEmpty() ? null : keyStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return new NoDelaySockets(context.getSocketFactory());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust", e);
    }
  }

  private KeyStore keyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (int i = 0; i < anchors.size(); i++) {
      ks.setCertificateEntry("anchor-" + i, anchors.get(i));
    }
    return ks;
  }
}
