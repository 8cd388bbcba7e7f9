package dev.signet.core.internal;

import dev.signet.core.Certificates;
import dev.signet.core.ErrorLine;
import dev.signet.core.PathResult;
import dev.signet.core.PathSettings;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.jcajce.PKIXExtendedBuilderParameters;
import org.bouncycastle.jcajce.PKIXExtendedParameters;

/**
 * RFC 5280 path building and validation on the PKIX machinery, plus the checks the PKIX engine
 * leaves out (extended key usage, malformed or wildcard-evading names, optionally the strict
 * certificate profile). Times are judged at whole seconds, the resolution of certificate dates.
 */
public final class PathValidator {
  private PathValidator() {}

  public static PathResult validate(X509Certificate target, List<X509Certificate> intermediates,
      List<X509Certificate> anchors, List<X509CRL> crls, Instant at, PathSettings settings) {
    Instant when = at.truncatedTo(ChronoUnit.SECONDS);
    if (anchors.isEmpty()) {
      return failure(ProblemCode.UNTRUSTED_ROOT, "no trust anchors were given", List.of(target));
    }
    Optional<String> tooCostly = NameConstraintBudget.exceeded(target, intermediates, anchors,
        settings.maxNameConstraintChecks());
    if (tooCostly.isPresent()) {
      return failure(ProblemCode.INVALID_PATH, tooCostly.get(), List.of(target));
    }
    List<X509CRL> usable = settings.strictProfile() ? CertificateRules.conforming(crls) : crls;
    if (usable.isEmpty() && !crls.isEmpty()) {
      return failure(ProblemCode.NO_CRL, "none of the CRLs given follows RFC 5280 (a CRL number is missing)",
          List.of(target));
    }
    try {
      PKIXCertPathBuilderResult built = build(target, intermediates, anchors, usable, when, settings);
      List<X509Certificate> chain = chainOf(built.getCertPath(), built.getTrustAnchor().getTrustedCert());
      Optional<Problem> extra = anchorAsFirstCertificate(chain, when, settings)
          .or(() -> CertificateRules.check(chain, settings));
      return new PathResult(extra, chain);
    } catch (CertPathBuilderException e) {
      return diagnose(target, intermediates, anchors, usable, when, settings);
    } catch (GeneralSecurityException e) {
      return failure(ProblemCode.INVALID_PATH, "the certificate path cannot be checked: " + e.getMessage(),
          List.of(target));
    }
  }

  /**
   * Checks an already built chain (target first, anchor excluded) without revocation: the
   * structural half of {@link #validate}, for callers that judge revocation themselves.
   */
  static Optional<Problem> checkChain(List<X509Certificate> chain, X509Certificate anchor, Instant at,
      PathSettings settings) {
    Instant when = at.truncatedTo(ChronoUnit.SECONDS);
    Optional<String> tooCostly = NameConstraintBudget.exceeded(chain.get(0), chain.subList(1, chain.size()),
        List.of(anchor), settings.maxNameConstraintChecks());
    if (tooCostly.isPresent()) {
      return Optional.of(Problem.of(ProblemCode.INVALID_PATH, tooCostly.get()));
    }
    Optional<Problem> pkix = validateChain(chain, anchor, List.of(), when, settings);
    if (pkix.isPresent()) {
      return pkix;
    }
    List<X509Certificate> full = new ArrayList<>(chain);
    full.add(anchor);
    return anchorAsFirstCertificate(full, when, settings).or(() -> CertificateRules.check(full, settings));
  }

  /**
   * The PKIX engines take a trust anchor's key and name on faith. A self-signed anchor certificate
   * is also a certificate: run it as the first certificate of the path (revocation aside, judged
   * above) so that its validity, critical extensions, basic constraints, path length and name
   * constraints bind the path too. Strict mode only: the anchor's certificate policies would
   * otherwise narrow the policy tree, which PKITS (its anchor processed as an anchor) does not expect.
   */
  private static Optional<Problem> anchorAsFirstCertificate(List<X509Certificate> chain, Instant at,
      PathSettings settings) {
    X509Certificate anchor = chain.get(chain.size() - 1);
    if (!settings.strictProfile() || chain.size() < 2 || !CertificateLinks.isSelfSigned(anchor)) {
      return Optional.empty();
    }
    return validateChain(chain, anchor, List.of(), at, settings);
  }

  private static PKIXCertPathBuilderResult build(X509Certificate target, List<X509Certificate> intermediates,
      List<X509Certificate> anchors, List<X509CRL> crls, Instant at, PathSettings settings)
      throws GeneralSecurityException {
    X509CertSelector selector = new X509CertSelector();
    selector.setCertificate(target);
    PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors(anchors), selector);
    configure(params, crls, at, settings);
    List<Object> store = new ArrayList<>(intermediates);
    store.add(target);
    store.addAll(crls);
    params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
    params.setMaxPathLength(settings.maxChainLength());
    var withDeltas = new PKIXExtendedBuilderParameters.Builder(
        new PKIXExtendedParameters.Builder(params).setUseDeltasEnabled(true).build())
        .setMaxPathLength(settings.maxChainLength()).build();
    return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX", AlgorithmRegistry.bc()).build(withDeltas);
  }

  private static void configure(PKIXParameters params, List<X509CRL> crls, Instant at, PathSettings settings)
      throws GeneralSecurityException {
    params.setDate(Date.from(at));
    params.setRevocationEnabled(!crls.isEmpty());
    if (!crls.isEmpty()) {
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
    }
    Set<String> policies = settings.initialPolicies().contains(PathSettings.ANY_POLICY)
        ? Set.of() : settings.initialPolicies();
    params.setInitialPolicies(policies);
    params.setExplicitPolicyRequired(settings.explicitPolicy());
    params.setAnyPolicyInhibited(settings.anyPolicyInhibit());
    params.setPolicyMappingInhibited(settings.policyMappingInhibit());
  }

  private static Set<TrustAnchor> trustAnchors(List<X509Certificate> anchors) {
    return anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** No path was built: find the most plausible chain by names and signatures and say what is wrong with it. */
  private static PathResult diagnose(X509Certificate target, List<X509Certificate> intermediates,
      List<X509Certificate> anchors, List<X509CRL> crls, Instant at, PathSettings settings) {
    List<X509Certificate> chain = new ArrayList<>(List.of(target));
    Set<X509Certificate> seen = new HashSet<>(chain);
    X509Certificate current = target;
    while (chain.size() <= settings.maxChainLength() + 1) {
      Optional<X509Certificate> anchor = CertificateLinks.issuerAmong(current, anchors);
      if (anchor.isPresent()) {
        Optional<Problem> problem = chain.size() - 1 > settings.maxChainLength()
            ? Optional.of(Problem.of(ProblemCode.INVALID_PATH, "certificate chain longer than " + settings.maxChainLength()))
            : validateChain(chain, anchor.get(), crls, at, settings);
        chain.add(anchor.get());
        return new PathResult(Optional.of(problem.orElse(Problem.of(ProblemCode.INVALID_PATH,
            "no valid certification path was found"))), chain);
      }
      if (CertificateLinks.isSelfSigned(current)) {
        return failure(ProblemCode.UNTRUSTED_ROOT,
            "the chain ends at a root that is not trusted: " + Certificates.subject(current), chain);
      }
      Optional<X509Certificate> issuer = CertificateLinks.issuerAmong(current, intermediates).filter(c -> !seen.contains(c));
      if (issuer.isEmpty()) {
        return failure(ProblemCode.ISSUER_MISSING,
            "the issuer certificate was not found: " + Certificates.issuer(current), chain);
      }
      current = issuer.get();
      seen.add(current);
      chain.add(current);
    }
    return failure(ProblemCode.INVALID_PATH, "certificate chain longer than " + settings.maxChainLength(), chain);
  }

  private static Optional<Problem> validateChain(List<X509Certificate> chain, X509Certificate anchor,
      List<X509CRL> crls, Instant at, PathSettings settings) {
    try {
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      configure(params, crls, at, settings);
      var withDeltas = new PKIXExtendedParameters.Builder(params).setUseDeltasEnabled(true).build();
      CertPathValidator.getInstance("PKIX", AlgorithmRegistry.bc()).validate(path, withDeltas);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of(Problem.of(codeOf(e), "the certificate path is not valid: " + e.getMessage()));
    } catch (GeneralSecurityException e) {
      return Optional.of(Problem.of(ProblemCode.INVALID_PATH, "the certificate path cannot be checked: " + e.getMessage()));
    }
  }

  private static ProblemCode codeOf(CertPathValidatorException e) {
    CertPathValidatorException.Reason reason = e.getReason();
    if (reason == BasicReason.EXPIRED || causedBy(e, CertificateExpiredException.class)) {
      return ProblemCode.CERT_EXPIRED;
    }
    if (reason == BasicReason.NOT_YET_VALID || causedBy(e, CertificateNotYetValidException.class)) {
      return ProblemCode.CERT_NOT_YET_VALID;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (reason == BasicReason.REVOKED || message.contains("certificate revocation after")) {
      return ProblemCode.CERT_REVOKED;
    }
    return reason == PKIXReason.NO_TRUST_ANCHOR ? ProblemCode.UNTRUSTED_ROOT : ProblemCode.INVALID_PATH;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return ErrorLine.causes(e).stream().anyMatch(type::isInstance);
  }

  private static List<X509Certificate> chainOf(CertPath path, X509Certificate anchor) {
    List<X509Certificate> chain = new ArrayList<>();
    path.getCertificates().forEach(c -> chain.add((X509Certificate) c));
    chain.add(anchor);
    return chain;
  }

  private static PathResult failure(ProblemCode code, String message, List<X509Certificate> chain) {
    return new PathResult(Optional.of(Problem.of(code, message)), chain);
  }
}
