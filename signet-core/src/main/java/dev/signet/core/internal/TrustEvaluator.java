package dev.signet.core.internal;

import dev.signet.core.Certificates;
import dev.signet.core.PathSettings;
import dev.signet.core.ReadOptions;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SignerReport.Revocation;
import dev.signet.core.SignerReport.Trust;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a signer's certificate chains to a trust anchor at a given time, and whether
 * any certificate on the way is revoked by a CRL at hand.
 */
final class TrustEvaluator {
  private final List<X509Certificate> anchors;
  private final RevocationChecker revocation;
  private final Optional<IssuerSource> issuers;
  private final PathSettings settings;

  TrustEvaluator(List<X509Certificate> anchors, RevocationChecker revocation, Optional<IssuerSource> issuers,
      PathSettings settings) {
    this.anchors = anchors;
    this.revocation = revocation;
    this.issuers = issuers;
    this.settings = settings;
  }

  /** Judging with {@code options}' anchors, their revocation checking and their fetching of missing issuers. */
  static TrustEvaluator of(ReadOptions options, PathSettings settings) {
    return new TrustEvaluator(options.trustAnchors(), RevocationChecker.of(options), IssuerSource.of(options),
        settings);
  }

  /** The judgement, with the anchor the chain was built to (present whenever one was reached). */
  record Result(Trust trust, Revocation revocation, List<Problem> problems, Optional<X509Certificate> anchor) {}

  Result evaluate(X509Certificate signer, Collection<X509Certificate> pool, Instant at) {
    List<Problem> problems = new ArrayList<>();
    validity(signer, at, "the signer's certificate").ifPresent(problems::add);
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(signer);
    X509Certificate anchor = buildChain(chain, pool, at, problems);
    if (anchor == null) {
      return new Result(Trust.UNTRUSTED, Revocation.UNKNOWN, problems, Optional.empty());
    }
    Revocation revocation = checkRevocation(chain, anchor, at, problems);
    // Dates were judged above; check the rest of RFC 5280 at a time the whole path is valid.
    boolean datesOk = problems.stream().noneMatch(p -> p.code() == ProblemCode.CERT_EXPIRED
        || p.code() == ProblemCode.CERT_NOT_YET_VALID);
    Optional<Problem> pkix = chain.isEmpty() ? Optional.empty()
        : validatePath(chain, anchor, datesOk ? at : latestNotBefore(chain));
    pkix.ifPresent(problems::add);
    boolean trusted = pkix.isEmpty() && problems.stream().noneMatch(p -> p.code() == ProblemCode.CERT_REVOKED);
    return new Result(trusted ? Trust.TRUSTED : Trust.UNTRUSTED, revocation, problems, Optional.of(anchor));
  }

  /** Extends {@code chain} up to an anchor; returns the anchor, or null with the reason recorded. */
  private X509Certificate buildChain(List<X509Certificate> chain, Collection<X509Certificate> pool, Instant at,
      List<Problem> problems) {
    Set<X509Certificate> seen = new HashSet<>(chain);
    X509Certificate current = chain.get(0);
    // The signer and at most maxChainLength intermediates: the anchor is not counted.
    while (chain.size() <= settings.maxChainLength() + 1) {
      if (anchors.contains(current)) {
        chain.remove(chain.size() - 1);
        return current;
      }
      Optional<X509Certificate> byAnchor = CertificateLinks.issuerAmong(current, anchors);
      if (byAnchor.isPresent()) {
        return byAnchor.get();
      }
      if (CertificateLinks.isSelfSigned(current)) {
        problems.add(Problem.of(ProblemCode.UNTRUSTED_ROOT, anchors.isEmpty()
            ? "no trust anchors were given, so the chain to " + Certificates.subject(current) + " is not trusted"
            : "the chain ends at a root that is not trusted: " + Certificates.subject(current)));
        return null;
      }
      X509Certificate subject = current;
      Optional<X509Certificate> issuer = CertificateLinks.issuerAmong(subject, pool).filter(c -> !seen.contains(c))
          .or(() -> fetchedIssuer(subject).filter(c -> !seen.contains(c)));
      if (issuer.isEmpty()) {
        problems.add(Problem.of(anchors.isEmpty() ? ProblemCode.UNTRUSTED_ROOT : ProblemCode.ISSUER_MISSING,
            "the issuer certificate was not found: " + Certificates.issuer(current)));
        return null;
      }
      current = issuer.get();
      seen.add(current);
      chain.add(current);
      validity(current, at, "the issuer certificate " + Certificates.subject(current)).ifPresent(problems::add);
    }
    problems.add(Problem.of(ProblemCode.INVALID_PATH, "certificate chain longer than " + settings.maxChainLength()));
    return null;
  }

  /** The issuer from the certificate's caIssuers URL, when fetching is allowed; it may be an anchor's child. */
  private Optional<X509Certificate> fetchedIssuer(X509Certificate cert) {
    return issuers.flatMap(source -> CertificateLinks.issuerAmong(cert, source.issuersOf(cert)));
  }

  private static Optional<Problem> validity(X509Certificate cert, Instant at, String what) {
    try {
      cert.checkValidity(Date.from(at));
      return Optional.empty();
    } catch (CertificateExpiredException e) {
      return Optional.of(Problem.of(ProblemCode.CERT_EXPIRED, what + " expired on " + cert.getNotAfter().toInstant()));
    } catch (CertificateNotYetValidException e) {
      return Optional.of(Problem.of(ProblemCode.CERT_NOT_YET_VALID,
          what + " is not valid before " + cert.getNotBefore().toInstant()));
    }
  }

  /**
   * Revocation of each certificate on the path, judged at {@code at}: the time of reading, since
   * the signing-time attribute is the signer's own claim. The anchor is not checked: it is trusted
   * as given. Nothing is claimed when no certificate on the path is checked (see {@link
   * RevocationChecker#applies}); otherwise the report says how, where from and at what time.
   */
  private Revocation checkRevocation(List<X509Certificate> chain, X509Certificate anchor, Instant at,
      List<Problem> problems) {
    if (chain.stream().noneMatch(revocation::applies)) {
      return Revocation.UNKNOWN;
    }
    Revocation status = Revocation.GOOD;
    List<String> how = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : anchor;
      if (!revocation.applies(chain.get(i))) {
        how.add(Certificates.subject(chain.get(i)) + ": names no CRL distribution point or OCSP responder");
        status = worse(status, Revocation.UNKNOWN);
        continue;
      }
      RevocationChecker.Finding finding = revocation.check(chain.get(i), issuer, at);
      problems.addAll(finding.problems());
      how.add(Certificates.subject(chain.get(i)) + ": " + finding.how());
      status = worse(status, finding.status());
    }
    problems.add(Problem.of(ProblemCode.REVOCATION_CHECKED, "revocation judged at " + at.truncatedTo(ChronoUnit.SECONDS)
        + ", the time of reading (a signing time in the message is its signer's own claim, not relied on): "
        + String.join("; ", how)));
    return status;
  }

  private static Revocation worse(Revocation a, Revocation b) {
    if (a == Revocation.REVOKED || b == Revocation.REVOKED) {
      return Revocation.REVOKED;
    }
    return a == Revocation.UNKNOWN || b == Revocation.UNKNOWN ? Revocation.UNKNOWN : Revocation.GOOD;
  }

  /** RFC 5280 checks on the built path (constraints, critical extensions), revocation done above. */
  private Optional<Problem> validatePath(List<X509Certificate> chain, X509Certificate anchor, Instant at) {
    return PathValidator.checkChain(chain, anchor, at, settings);
  }

  private static Instant latestNotBefore(List<X509Certificate> chain) {
    return chain.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
  }
}
