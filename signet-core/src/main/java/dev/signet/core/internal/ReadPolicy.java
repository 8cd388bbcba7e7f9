package dev.signet.core.internal;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Layer;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.Severity;
import dev.signet.core.SignerReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-side settings of POLICY.md, applied to the problems a read found: the one place that
 * turns the default severities of {@link ProblemCode} into the organisation's, recording for each
 * changed decision the setting that made it.
 */
public final class ReadPolicy {
  private ReadPolicy() {}

  public static List<Problem> apply(List<Problem> found, List<Layer> layers, List<SignerReport> signers,
      Policy policy) {
    List<Problem> out = new ArrayList<>();
    for (Problem p : found) {
      out.add(promoted(decided(p, policy), policy));
    }
    weakEncryption(layers, policy).ifPresent(out::add);
    if (policy.effective(PolicySetting.FIPS_MODE) == 1) {
      nonFipsCipher(layers).ifPresent(out::add);
      signers.forEach(s -> nonFipsSignature(s).ifPresent(out::add));
    }
    return out;
  }

  /** Severities that a setting decides outright. */
  private static Problem decided(Problem p, Policy policy) {
    return switch (p.code()) {
      case UNTRUSTED_ROOT -> switch (policy.effective(PolicySetting.SIG_STATUS_NO_TRUST_DECISION)) {
        case 2 -> by(p, Severity.ERROR, PolicySetting.SIG_STATUS_NO_TRUST_DECISION);
        case 1 -> by(p, Severity.WARNING, PolicySetting.SIG_STATUS_NO_TRUST_DECISION);
        default -> by(p, Severity.INFO, PolicySetting.SIG_STATUS_NO_TRUST_DECISION);
      };
      case NO_CRL -> by(p, policy.effective(PolicySetting.SIG_STATUS_NO_CRL) == 1 ? Severity.ERROR : Severity.WARNING,
          PolicySetting.SIG_STATUS_NO_CRL);
      default -> p;
    };
  }

  /** PromoteErrorsAsWarnings: a level-2 error becomes a warning; a revoked certificate never does. */
  private static Problem promoted(Problem p, Policy policy) {
    boolean promote = policy.effective(PolicySetting.PROMOTE_ERRORS_AS_WARNINGS) == 1
        && p.severity() == Severity.ERROR && p.level().orElse(0) == 2 && p.code() != ProblemCode.CERT_REVOKED;
    return promote ? by(p, Severity.WARNING, PolicySetting.PROMOTE_ERRORS_AS_WARNINGS) : p;
  }

  /** MinEncKey (absent: 128): a message encrypted below it is flagged as weak. */
  private static Optional<Problem> weakEncryption(List<Layer> layers, Policy policy) {
    int min = policy.effective(PolicySetting.MIN_ENC_KEY);
    return layers.stream().filter(l -> l instanceof Layer.Encrypted e && e.keyBits() < min).findFirst()
        .map(l -> new Problem(ProblemCode.WEAK_ENCRYPTION, Severity.WARNING, Optional.of(PolicySetting.MIN_ENC_KEY.registryName()),
            "encrypted with " + ((Layer.Encrypted) l).keyBits() + "-bit keys, below MinEncKey " + min));
  }

  /** FIPSMode 1: a message encrypted with an algorithm outside FIPS 140 is refused as weak. */
  private static Optional<Problem> nonFipsCipher(List<Layer> layers) {
    return layers.stream().filter(l -> l instanceof Layer.Encrypted e && !AlgorithmRegistry.fipsApproved(e.cipher()))
        .findFirst().map(l -> fipsRefusal(((Layer.Encrypted) l).cipher().displayName() + " is not FIPS 140 approved"));
  }

  /** FIPSMode 1: a signature with a digest or key outside FIPS 140 is refused as weak. */
  private static Optional<Problem> nonFipsSignature(SignerReport signer) {
    boolean approvedDigest = DigestAlgorithm.fromName(signer.digestAlgorithm()).filter(d -> !d.isLegacy()).isPresent();
    if (!approvedDigest) {
      return Optional.of(fipsRefusal("the signature of " + signer.subject() + " uses " + signer.digestAlgorithm()
          + ", not FIPS 140 approved"));
    }
    return signer.certificate().flatMap(c -> AlgorithmRegistry.fipsRefusal(c.getPublicKey()))
        .map(why -> fipsRefusal("the signature of " + signer.subject() + " is made with an " + why));
  }

  private static Problem fipsRefusal(String message) {
    return new Problem(ProblemCode.WEAK_ALGORITHM, Severity.ERROR, Optional.of(PolicySetting.FIPS_MODE.registryName()),
        message);
  }

  private static Problem by(Problem p, Severity severity, PolicySetting setting) {
    return new Problem(p.code(), severity, Optional.of(setting.registryName()), p.message());
  }
}
