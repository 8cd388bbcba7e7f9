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

  /** Judges certificates met without a message (compose checks a recipient's certificate so). */
  public interface Judge {
    /**
     * Judges {@code target} as a signer's certificate is judged when a message is read: its path to the
     * trust anchors through {@code intermediates} at {@code at}, and its revocation.
     */
    CertificateStatus judge(X509Certificate target, List<X509Certificate> intermediates, Instant at);
  }

  /**
   * A judge with {@code options}' trust anchors, fetching revocation when they fetch; the certificates one
   * judge looks at share its fetches and their time budget.
   */
  public static Judge judge(ReadOptions options, PathSettings settings) {
    return new CertificateJudge(options, settings);
  }
}
