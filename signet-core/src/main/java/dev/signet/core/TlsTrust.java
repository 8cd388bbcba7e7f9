package dev.signet.core;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for Signet's clients (mail, directory, EST): whom a server's certificate must chain to. The
 * one place that turns trust anchors into a TLS context.
 */
public final class TlsTrust {
  private TlsTrust() {}

  /**
   * A client context that trusts {@code anchors} and nothing else, or the system's trust store (the
   * public CAs) when {@code anchors} is empty. Host names are checked by each protocol's client.
   */
  public static SSLContext clientContext(List<X509Certificate> anchors) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(anchors.isEmpty() ? null : keyStore(anchors));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust", e);
    }
  }

  private static KeyStore keyStore(List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < anchors.size(); i++) {
      store.setCertificateEntry("anchor-" + i, anchors.get(i));
    }
    return store;
  }
}
