package dev.signet.server.part;

import dev.signet.core.DigitalId;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What every part of the service shares: its data folder, the CA (records and, unlocked, its keys)
 * and the service's TLS identity, which the parts that listen on ports of their own present too.
 */
public record ServiceContext(Path dataFolder, CertificateAuthority authority, Issuer issuer, DigitalId tls) {

  /** A server-side TLS context presenting {@link #tls()}, for parts that listen on ports of their own. */
  public SSLContext serverTls() {
    return serverTls(tls);
  }

  /** A server-side TLS context presenting {@code tls}: its key and chain. */
  public static SSLContext serverTls(DigitalId tls) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("tls", tls.privateKey(), new char[0], tls.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot use the TLS certificate", e);
    }
  }
}
