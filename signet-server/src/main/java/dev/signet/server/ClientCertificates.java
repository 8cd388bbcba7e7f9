package dev.signet.server;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Set;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts a TLS client certificate that chains to the CA's root, whatever its key purposes: the
 * S/MIME certificates this CA issues are for email protection, not clientAuth, and they are shown
 * only to re-enroll. Whether the certificate is one the CA issued, unrevoked and unexpired, is
 * checked against the CA's records when it is used.
 */
final class ClientCertificates implements X509TrustManager {
  private final X509Certificate root;

  ClientCertificates(X509Certificate root) {
    this.root = root;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(
          CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(chain)), parameters);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("the client certificate does not chain to this CA", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("this trust manager checks clients only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {root};
  }
}
