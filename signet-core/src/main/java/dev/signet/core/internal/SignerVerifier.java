package dev.signet.core.internal;

import dev.signet.core.CertificatePurpose;
import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.Certificates;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Limits;
import dev.signet.core.PathSettings;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.Severity;
import dev.signet.core.SignerReport;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.util.Store;

/** Judges each signer of a SignedData: the signature, the algorithms, the certificate and its chain. */
final class SignerVerifier {
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String ANY_EKU = "2.5.29.37.0";
  private final ReadOptions options;
  private final TrustEvaluator trust;
  private final int maxCertificates;
  private final Instant at;

  record Outcome(List<SignerReport> signers, List<Problem> problems) {}

  SignerVerifier(ReadOptions options, Limits limits, Instant at) {
    this.options = options;
    this.trust = TrustEvaluator.of(options, PathSettings.defaults().withMaxChainLength(limits.maxChainLength())
        .withMaxNameConstraintChecks(limits.maxNameConstraintChecks()));
    this.maxCertificates = limits.maxCertificates();
    this.at = at;
  }

  /**
   * Judges every signer, one by one; with {@code identity}, also whether the good signatures bind
   * the message's From and Sender mailboxes (the address in angle brackets is what counts).
   */
  Outcome verify(Collection<SignerInformation> signerInfos, Store<X509CertificateHolder> certStore,
      Optional<ClaimedIdentity> identity) {
    return verify(signerInfos, certStore, identity, oid -> true);
  }

  /**
   * As {@link #verify(Collection, Store, Optional)}, for content digested only with the algorithms
   * {@code digested} accepts (a clear signature's micalg): a signer whose digest is another is still
   * judged and listed, its signature not valid, with the reason.
   */
  Outcome verify(Collection<SignerInformation> signerInfos, Store<X509CertificateHolder> certStore,
      Optional<ClaimedIdentity> identity, Predicate<String> digested) {
    CarriedCertificates carried = new CarriedCertificates(certStore, options.intermediates(), maxCertificates);
    List<SignerReport> reports = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (signerInfos.isEmpty()) {
      problems.add(Problem.of(ProblemCode.NO_SIGNERS, "the signed layer has no signers"));
    }
    for (SignerInformation signer : signerInfos) {
      boolean checkable = digested.test(signer.getDigestAlgOID());
      if (!checkable) {
        problems.add(Problem.of(ProblemCode.BAD_SIGNATURE, "the signature's digest algorithm " + digestName(signer)
            + " does not match the micalg parameter: the content was not digested with it"));
      }
      reports.add(judgeAny(signer, carried, problems, SignerReport.Role.CONTENT, checkable));
      for (SignerInformation counter : signer.getCounterSignatures().getSigners()) {
        reports.add(judgeAny(counter, carried, problems, SignerReport.Role.COUNTER_SIGNATURE, true));
      }
    }
    List<SignerReport> good = reports.stream()
        .filter(r -> r.signatureValid() && r.role() == SignerReport.Role.CONTENT).toList();
    if (!good.isEmpty()) {
      identity.ifPresent(id -> problems.addAll(SenderBinding.check(id, good)));
      Duration skew = Duration.ofMinutes(options.policy().effective(PolicySetting.SIGNING_TIME_SKEW));
      identity.ifPresent(id -> problems.addAll(SigningTimeBinding.check(id.date(), good, skew)));
    }
    return new Outcome(reports, problems);
  }

  private SignerReport judgeAny(SignerInformation signer, CarriedCertificates carried, List<Problem> problems,
      SignerReport.Role role, boolean checkable) {
    Optional<X509Certificate> cert = carried.signerOf(signer);
    return cert.isPresent() ? judge(signer, cert.get(), carried, problems, role, checkable)
        : unknownSigner(signer, problems, role);
  }

  private SignerReport judge(SignerInformation signer, X509Certificate cert, CarriedCertificates carried,
      List<Problem> problems, SignerReport.Role role, boolean checkable) {
    List<X509Certificate> pool = carried.pool();
    String digestName = digestName(signer);
    String signatureName = new DefaultAlgorithmNameFinder().getAlgorithmName(signer.getEncryptionAlgOID() == null
        ? null : new ASN1ObjectIdentifier(signer.getEncryptionAlgOID()));
    checkDigest(signer, problems);
    List<X509Certificate> issuers = new ArrayList<>(pool);
    issuers.addAll(options.trustAnchors());
    PublicKey key = withInheritedParameters(cert.getPublicKey(), cert, issuers);
    AlgorithmRegistry.keyWeakness(key).ifPresent(w -> algorithmProblem("the signer uses a " + w, problems));
    DigestAlgorithm.fromOid(signer.getDigestAlgOID()).flatMap(d -> AlgorithmRegistry.digestTooWeak(key, d))
        .ifPresent(w -> problems.add(Problem.of(ProblemCode.WEAK_ALGORITHM, "the signature's digest " + w)));
    boolean valid = checkable && SignatureCheck.holds(signer, key, problems);
    checkKeyUsage(cert, problems);
    TrustEvaluator.Result chain = trust.evaluate(cert, pool, at);
    problems.addAll(chain.problems());
    Optional<SignerReport.EncryptionCertificate> encryption = valid
        ? carried.preferredBy(signer, cert).map(c -> judgeEncryptionCertificate(c, cert, chain, pool))
        : Optional.empty();
    return new SignerReport(CertificateEmails.of(cert), Certificates.subject(cert),
        Certificates.issuer(cert), cert.getSerialNumber().toString(16), valid, chain.trust(),
        chain.revocation(), SigningTime.of(signer), digestName, signatureName, role, Optional.of(cert),
        SignedAttributes.capabilities(signer),
        SignedAttributes.ess(signer, EssEncoding.RECEIPT_REQUEST, EssEncoding::receiptRequest, problems)
            .flatMap(r -> SignedAttributes.boundToSigner(r, signer)),
        SignedAttributes.ess(signer, EssEncoding.SECURITY_LABEL, EssEncoding::securityLabel, problems), encryption);
  }

  /**
   * Judges the preferred certificate apart from the signer: it is trusted only when the signer is and
   * it chains to the same anchor. What is found about it is not a problem of the message.
   */
  private SignerReport.EncryptionCertificate judgeEncryptionCertificate(X509Certificate preferred,
      X509Certificate signerCertificate, TrustEvaluator.Result signerChain, List<X509Certificate> pool) {
    if (preferred.equals(signerCertificate)) {
      return new SignerReport.EncryptionCertificate(preferred, signerChain.trust(), signerChain.revocation());
    }
    if (signerChain.trust() != SignerReport.Trust.TRUSTED) {
      return new SignerReport.EncryptionCertificate(preferred, SignerReport.Trust.UNTRUSTED,
          SignerReport.Revocation.UNKNOWN);
    }
    TrustEvaluator.Result chain = trust.evaluate(preferred, pool, at);
    boolean sameAnchor = chain.anchor().isPresent() && chain.anchor().equals(signerChain.anchor());
    return new SignerReport.EncryptionCertificate(preferred,
        chain.trust() == SignerReport.Trust.TRUSTED && sameAnchor ? SignerReport.Trust.TRUSTED
            : SignerReport.Trust.UNTRUSTED, chain.revocation());
  }

  private SignerReport unknownSigner(SignerInformation signer, List<Problem> problems, SignerReport.Role role) {
    var sid = signer.getSID();
    String issuer = sid.getIssuer() == null ? "unknown" : sid.getIssuer().toString();
    String serial = sid.getSerialNumber() == null ? "" : sid.getSerialNumber().toString(16);
    problems.add(Problem.of(ProblemCode.SIGNER_CERT_MISSING,
        "the signer's certificate is not in the message (issuer " + issuer + ", serial " + serial + ")"));
    return new SignerReport(List.of(), "unknown", issuer, serial, false, SignerReport.Trust.UNTRUSTED,
        SignerReport.Revocation.UNKNOWN, SigningTime.of(signer), digestName(signer), signer.getEncryptionAlgOID(),
        role, Optional.empty(), SignedAttributes.capabilities(signer), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static String digestName(SignerInformation signer) {
    return DigestAlgorithm.fromOid(signer.getDigestAlgOID()).map(DigestAlgorithm::jcaName).orElse(signer.getDigestAlgOID());
  }

  private void checkDigest(SignerInformation signer, List<Problem> problems) {
    Optional<DigestAlgorithm> digest = DigestAlgorithm.fromOid(signer.getDigestAlgOID());
    if (digest.isEmpty()) {
      problems.add(Problem.of(ProblemCode.WEAK_ALGORITHM, "unknown digest algorithm " + signer.getDigestAlgOID()));
    } else if (digest.get().isLegacy()) {
      algorithmProblem("the signature uses " + digest.get().jcaName(), problems);
    }
  }

  /** Under the baseline a legacy algorithm is an error; under the legacy policy, a warning. */
  private void algorithmProblem(String what, List<Problem> problems) {
    if (options.algorithms() == AlgorithmPolicy.LEGACY_READ) {
      problems.add(new Problem(ProblemCode.LEGACY_ALGORITHM, Severity.WARNING, Optional.of("legacy algorithms"),
          what + ", accepted only to read old mail"));
    } else {
      problems.add(Problem.of(ProblemCode.WEAK_ALGORITHM, what + ", which is no longer accepted"));
    }
  }

  private static void checkKeyUsage(X509Certificate cert, List<Problem> problems) {
    if (!CertificatePurpose.of(cert).signs()) {
      problems.add(Problem.of(ProblemCode.WRONG_KEY_USAGE,
          "the signer's certificate does not allow digital signatures (key usage)"));
    }
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      if (eku != null && !eku.contains(EMAIL_PROTECTION) && !eku.contains(ANY_EKU)) {
        problems.add(Problem.of(ProblemCode.WRONG_KEY_USAGE,
            "the signer's certificate is not for email protection (extended key usage)"));
      }
    } catch (java.security.cert.CertificateParsingException e) {
      problems.add(Problem.of(ProblemCode.WRONG_KEY_USAGE, "the extended key usage cannot be read"));
    }
  }

  /** A DSA key without parameters takes its issuer's (RFC 3279 section 2.3.2). */
  private static PublicKey withInheritedParameters(PublicKey key, X509Certificate cert, List<X509Certificate> pool) {
    if (!(key instanceof DSAPublicKey dsa) || dsa.getParams() != null) {
      return key;
    }
    for (X509Certificate c : pool) {
      if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
          && c.getPublicKey() instanceof DSAPublicKey issuer && issuer.getParams() != null) {
        DSAParams p = issuer.getParams();
        try {
          BigInteger y = dsa.getY();
          return KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(y, p.getP(), p.getQ(), p.getG()));
        } catch (GeneralSecurityException e) {
          return key;
        }
      }
    }
    return key;
  }
}
