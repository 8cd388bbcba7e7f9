package dev.signet.core;

import dev.signet.core.internal.AlgorithmRegistry;
import dev.signet.core.internal.DistinguishedName;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What MinEncKey, FIPSMode and requiredCA allow of new encryption: which certificates may be
 * encrypted to and which ciphers used. One rule for compose and for the encrypt verb.
 */
final class EncryptionRules {
  private final Policy policy;
  private final Instant now;
  private final Optional<DistinguishedName> requiredCa;

  EncryptionRules(Policy policy, Instant now) {
    this.policy = policy;
    this.now = now;
    this.requiredCa = policy.string(PolicySetting.REQUIRED_CA).map(DistinguishedName::parse);
  }

  /** Why a recipient's certificate cannot be encrypted to, if it cannot. */
  Optional<String> unusable(X509Certificate cert) {
    if (now.isAfter(cert.getNotAfter().toInstant()) || now.isBefore(cert.getNotBefore().toInstant())) {
      return Optional.of("certificate not valid now");
    }
    if (!Certificates.encrypts(cert)) {
      return Optional.of("certificate not for encryption");
    }
    if (!fromRequiredCa(cert)) {
      return Optional.of("issued by " + Certificates.issuer(cert) + ", not the requiredCA");
    }
    return fips() ? AlgorithmRegistry.fipsRefusal(cert.getPublicKey()).map(p -> p + ", refused by FIPSMode")
        : AlgorithmRegistry.keyWeakness(cert.getPublicKey());
  }

  int minimum() {
    return policy.effective(PolicySetting.MIN_ENC_KEY);
  }

  boolean allowed(ContentCipher c) {
    return c.mayEncrypt() && c.keyBits() >= minimum() && (!fips() || AlgorithmRegistry.fipsApproved(c));
  }

  /** Why {@code c} is not allowed. */
  String refusal(ContentCipher c) {
    if (!c.mayEncrypt()) {
      return "never used for new mail";
    }
    return c.keyBits() < minimum() ? "below the minimum" : "not FIPS approved";
  }

  boolean fips() {
    return policy.effective(PolicySetting.FIPS_MODE) == 1;
  }

  /** requiredCA, checked when the policy was read: a name in either RDN order, compared as RFC 5280 7.1 says. */
  Optional<DistinguishedName> requiredCa() {
    return requiredCa;
  }

  boolean fromRequiredCa(X509Certificate cert) {
    return requiredCa.map(ca -> ca.names(cert.getIssuerX500Principal())).orElse(true);
  }

  /**
   * Refuses {@code cert} when the requiredCA did not issue it.
   *
   * @param whose what the refusal calls the certificate before its name ("your digital ID ", or nothing)
   */
  void requireFromRequiredCa(X509Certificate cert, String whose) {
    if (!fromRequiredCa(cert)) {
      String name = Certificates.subject(cert);
      throw new PolicyViolationException(PolicySetting.REQUIRED_CA, List.of(name), whose + name + " is issued by "
          + Certificates.issuer(cert) + ", not by " + requiredCa.orElseThrow());
    }
  }

  /**
   * Under FIPSMode, refuses {@code cert}'s key when it is not approved.
   *
   * @param use what the key was to do, before the refusal's reason ("cannot sign with")
   */
  void requireFipsApproved(X509Certificate cert, String use) {
    if (fips()) {
      AlgorithmRegistry.fipsRefusal(cert.getPublicKey()).ifPresent(p -> {
        throw new PolicyViolationException(PolicySetting.FIPS_MODE, List.of(Certificates.subject(cert)),
            use + " " + p);
      });
    }
  }
}
