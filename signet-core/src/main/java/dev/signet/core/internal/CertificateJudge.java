package dev.signet.core.internal;

import dev.signet.core.CertificateStatus;
import dev.signet.core.PathSettings;
import dev.signet.core.PathValidation;
import dev.signet.core.ReadOptions;
import dev.signet.core.SignerReport.Trust;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Judges certificates that came without a message, with the code that judges signers' certificates;
 * one judge's revocation fetches share their cache and their time budget.
 */
public final class CertificateJudge implements PathValidation.Judge {
  private final TrustEvaluator trust;

  public CertificateJudge(ReadOptions options, PathSettings settings) {
    this.trust = TrustEvaluator.of(options, settings);
  }

  @Override
  public CertificateStatus judge(X509Certificate target, List<X509Certificate> intermediates, Instant at) {
    TrustEvaluator.Result r = trust.evaluate(target, intermediates, at);
    return new CertificateStatus(r.trust() == Trust.TRUSTED, r.revocation(), r.problems());
  }
}
