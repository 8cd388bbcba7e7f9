package dev.signet.core.internal;

import dev.signet.core.CertificateStatus;
import dev.signet.core.PathSettings;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignerReport.Trust;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Judges a certificate that came without a message, with the code that judges signers' certificates. */
public final class CertificateJudge {
  private CertificateJudge() {}

  public static CertificateStatus judge(X509Certificate target, List<X509Certificate> intermediates,
      ReadOptions options, PathSettings settings, Instant at) {
    TrustEvaluator.Result r = new TrustEvaluator(options.trustAnchors(), RevocationChecker.of(options),
        IssuerSource.of(options), settings).evaluate(target, intermediates, at);
    return new CertificateStatus(r.trust() == Trust.TRUSTED, r.revocation(), r.problems());
  }
}
