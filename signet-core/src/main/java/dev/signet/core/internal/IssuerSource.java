package dev.signet.core.internal;

import dev.signet.core.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Missing issuer certificates fetched from the authority-information-access caIssuers URL
 * (RFC 5280 section 4.2.2.1: a DER certificate or a certs-only CMS), when fetching is allowed.
 */
final class IssuerSource {
  private static final int MAX_CERTIFICATES = 20;
  private final HttpFetcher fetcher;

  private IssuerSource(HttpFetcher fetcher) {
    this.fetcher = fetcher;
  }

  static Optional<IssuerSource> of(ReadOptions options) {
    return options.fetching().enabled() ? Optional.of(new IssuerSource(new HttpFetcher(options.fetching())))
        : Optional.empty();
  }

  /** The certificates the caIssuers URLs of {@code cert} serve; none if unreachable or unreadable. */
  List<X509Certificate> issuersOf(X509Certificate cert) {
    List<X509Certificate> found = new ArrayList<>();
    for (URI uri : CertificateUrls.caIssuers(cert)) {
      try {
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(
            new ByteArrayInputStream(fetcher.get(uri)))) {
          if (found.size() < MAX_CERTIFICATES && c instanceof X509Certificate x) {
            found.add(x);
          }
        }
      } catch (IOException | CertificateException e) {
        // An unreachable or unreadable URL supplies nothing; the chain is then judged without it.
      }
    }
    return found;
  }
}
