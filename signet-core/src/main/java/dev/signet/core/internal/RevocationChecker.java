package dev.signet.core.internal;

import dev.signet.core.Certificates;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.RevocationFetching;
import dev.signet.core.SignerReport.Revocation;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether one certificate was revoked at a given time: by a current CRL from its issuer
 * (with the newest delta CRL applied), else by its OCSP responder, else it is unknown. CRLs given
 * in the options are always consulted; the network only when fetching is on. A certificate is
 * checked when CRLs were given or when it names where its revocation is published; one that names
 * nothing, read without CRLs, has nothing that could be looked up.
 */
final class RevocationChecker {
  /** The outcome for one certificate; {@code how} names the source that decided it. */
  record Finding(Revocation status, List<Problem> problems, String how) {}

  private final boolean crlsGiven;
  private final CrlSource crls;
  private final Optional<OcspClient> ocsp;

  private RevocationChecker(boolean crlsGiven, CrlSource crls, Optional<OcspClient> ocsp) {
    this.crlsGiven = crlsGiven;
    this.crls = crls;
    this.ocsp = ocsp;
  }

  static RevocationChecker of(ReadOptions options) {
    RevocationFetching fetching = options.fetching();
    Clock clock = Clock.systemUTC();
    if (!fetching.enabled()) {
      return new RevocationChecker(!options.crls().isEmpty(),
          new CrlSource(options.crls(), Optional.empty(), Optional.empty(), clock), Optional.empty());
    }
    HttpFetcher fetcher = new HttpFetcher(fetching);
    Optional<RevocationCache> cache = Optional.of(
        new RevocationCache(fetching.cacheDirectory().orElseThrow(), fetching.maxCrlBytes()));
    return new RevocationChecker(!options.crls().isEmpty(), new CrlSource(options.crls(), Optional.of(fetcher), cache,
        clock), Optional.of(new OcspClient(fetcher, new SecureRandom(), clock, cache)));
  }

  /** Whether {@code cert} is checked: CRLs were given, or it names a CRL distribution point or OCSP responder. */
  boolean applies(X509Certificate cert) {
    return crlsGiven || !sources(cert).isEmpty();
  }

  private static List<URI> sources(X509Certificate cert) {
    List<URI> all = new ArrayList<>(CertificateUrls.crlDistributionPoints(cert));
    all.addAll(CertificateUrls.ocspResponders(cert));
    return all;
  }

  Finding check(X509Certificate cert, X509Certificate issuer, Instant at) {
    List<String> notes = new ArrayList<>();
    if (ocsp.isEmpty() && !sources(cert).isEmpty()) {
      notes.add("reading offline, nothing fetched from " + sources(cert).stream().map(URI::toString)
          .collect(Collectors.joining(", ")));
    }
    Optional<X509CRL> base = crls.base(cert, issuer, notes);
    Optional<X509CRL> delta = base.flatMap(b -> crls.delta(cert, issuer, b, notes));
    if (base.isPresent()) {
      Optional<Finding> byCrl = byCrl(cert, issuer, base.get(), delta, at);
      if (byCrl.isPresent()) {
        return byCrl.get();
      }
    }
    Optional<Finding> byOcsp = byOcsp(cert, issuer, at, notes);
    if (byOcsp.isPresent()) {
      return byOcsp.get();
    }
    String why = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    if (base.isPresent()) {
      X509CRL stale = outOfDate(base.get(), at) ? base.get() : delta.orElseThrow();
      return unknown(ProblemCode.CRL_EXPIRED, "the CRL from " + Certificates.subject(issuer) + " was due for update on "
          + stale.getNextUpdate().toInstant() + ", before " + at + why);
    }
    return unknown(ProblemCode.NO_CRL, "no revocation information for " + Certificates.subject(cert) + " from "
        + Certificates.subject(issuer) + " was found" + why);
  }

  /** Revoked by the CRLs, or good when they are current; empty when they are out of date. */
  private Optional<Finding> byCrl(X509Certificate cert, X509Certificate issuer, X509CRL base, Optional<X509CRL> delta,
      Instant at) {
    String source = "CRL from " + Certificates.subject(issuer) + delta.map(d -> " with its delta CRL").orElse("");
    Optional<Instant> revokedAt = revocationDate(cert, base, delta).filter(when -> !when.isAfter(at));
    if (revokedAt.isPresent()) {
      return Optional.of(revoked(cert, revokedAt.get(), source));
    }
    boolean current = !outOfDate(base, at) && delta.map(d -> !outOfDate(d, at)).orElse(true);
    return current ? Optional.of(new Finding(Revocation.GOOD, List.of(), source)) : Optional.empty();
  }

  /** The delta CRL speaks last: it revokes, or lifts a hold with removeFromCRL. */
  private static Optional<Instant> revocationDate(X509Certificate cert, X509CRL base, Optional<X509CRL> delta) {
    Optional<X509CRLEntry> inDelta = delta.map(d -> d.getRevokedCertificate(cert));
    if (inDelta.isPresent()) {
      return inDelta.get().getRevocationReason() == CRLReason.REMOVE_FROM_CRL ? Optional.empty()
          : Optional.of(inDelta.get().getRevocationDate().toInstant());
    }
    return Optional.ofNullable(base.getRevokedCertificate(cert)).map(e -> e.getRevocationDate().toInstant());
  }

  private Optional<Finding> byOcsp(X509Certificate cert, X509Certificate issuer, Instant at, List<String> notes) {
    if (ocsp.isEmpty()) {
      return Optional.empty();
    }
    for (URI url : CertificateUrls.ocspResponders(cert)) {
      OcspClient.Answer answer = ocsp.get().ask(cert, issuer, url);
      if (!answer.believed()) {
        notes.add(answer.note());
        continue;
      }
      Optional<Instant> revokedAt = answer.revokedAt().filter(when -> !when.isAfter(at));
      return Optional.of(revokedAt.isPresent() ? revoked(cert, revokedAt.get(), answer.note())
          : new Finding(Revocation.GOOD, List.of(), answer.note()));
    }
    return Optional.empty();
  }

  private static Finding revoked(X509Certificate cert, Instant when, String source) {
    return new Finding(Revocation.REVOKED, List.of(Problem.of(ProblemCode.CERT_REVOKED,
        Certificates.subject(cert) + " was revoked on " + when + " (" + source + ")")), source);
  }

  private static Finding unknown(ProblemCode code, String message) {
    return new Finding(Revocation.UNKNOWN, List.of(Problem.of(code, message)), "nothing current");
  }

  private static boolean outOfDate(X509CRL crl, Instant at) {
    return crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at);
  }
}
