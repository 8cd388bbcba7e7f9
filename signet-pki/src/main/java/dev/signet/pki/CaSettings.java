package dev.signet.pki;

import java.time.Duration;
import java.util.Objects;

/**
 * What an administrator may change after init: the BR generation of new certificates, how long a
 * CRL and an OCSP answer are valid, and who signs OCSP answers.
 *
 * @param crlLifetime from a CRL's thisUpdate to its nextUpdate: at most ten days (S/MIME BR 4.9.7)
 * @param ocspLifetime from an OCSP answer's thisUpdate to its nextUpdate: at most ten days (S/MIME BR 4.9.10)
 */
public record CaSettings(Generation generation, Duration crlLifetime, Duration ocspLifetime, OcspSigner ocspSigner) {
  public static final Duration MAX_STATUS_LIFETIME = Duration.ofDays(10);
  private static final Duration MIN_STATUS_LIFETIME = Duration.ofMinutes(10);

  public CaSettings {
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(ocspSigner, "ocspSigner");
    check("CRL", crlLifetime);
    check("OCSP", ocspLifetime);
  }

  /** Strict, CRLs for a day, OCSP answers for an hour, signed by the issuing CA. */
  public static CaSettings defaults() {
    return new CaSettings(Generation.STRICT, Duration.ofHours(24), Duration.ofHours(1), OcspSigner.ISSUING_CA);
  }

  public CaSettings withGeneration(Generation g) {
    return new CaSettings(g, crlLifetime, ocspLifetime, ocspSigner);
  }

  public CaSettings withCrlLifetime(Duration d) {
    return new CaSettings(generation, d, ocspLifetime, ocspSigner);
  }

  public CaSettings withOcspLifetime(Duration d) {
    return new CaSettings(generation, crlLifetime, d, ocspSigner);
  }

  public CaSettings withOcspSigner(OcspSigner s) {
    return new CaSettings(generation, crlLifetime, ocspLifetime, s);
  }

  private static void check(String what, Duration lifetime) {
    Objects.requireNonNull(lifetime, what + " lifetime");
    if (lifetime.compareTo(MIN_STATUS_LIFETIME) < 0 || lifetime.compareTo(MAX_STATUS_LIFETIME) > 0) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "a " + what + " lifetime is between 10 minutes and 10 days"
          + " (S/MIME BR 4.9), not " + lifetime);
    }
  }
}
