package dev.signet.core;

import dev.signet.core.internal.CertificateJudge;
import dev.signet.core.internal.PathValidator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * RFC 5280 certification path validation: builds a path from the target through the intermediates
 * to one of the anchors and checks it at a given time (signatures, validity, basic constraints and
 * path length, key usage, name constraints including RFC 822 names, policies, critical
 * extensions) and, when CRLs are given, revocation against them. The same code judges signer
 * certificates when messages are read.
 */
public final class PathValidation {
  private PathValidation() {}

  /**
   * Validates the path from {@code target} to one of {@code anchors} at {@code at}; revocation is
   * checked when {@code crls} is not empty (a certificate without a usable CRL is then invalid).
   */
  public static PathResult validate(X509Certificate target, List<X509Certificate> intermediates,
      List<X509Certificate> anchors, List<X509CRL> crls, Instant at, PathSettings settings) {
    return PathValidator.validate(target, intermediates, anchors, crls, at, settings);
  }

  /**
   * Judges {@code target} as a signer's certificate is judged when a message is read with {@code options}:
   * its path to the options' trust anchors through {@code intermediates}, and its revocation, fetched
   * when the options fetch (compose checks a recipient's certificate so).
   */
  public static CertificateStatus judge(X509Certificate target, List<X509Certificate> intermediates,
      ReadOptions options, PathSettings settings, Instant at) {
    return CertificateJudge.judge(target, intermediates, options, settings, at);
  }
}
