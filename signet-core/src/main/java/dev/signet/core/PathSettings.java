package dev.signet.core;

import java.util.Objects;
import java.util.Set;

/**
 * The initial inputs of RFC 5280 path validation (section 6.1.1) and the bounds Signet adds.
 *
 * @param initialPolicies user-initial-policy-set (OIDs; {@link #ANY_POLICY} accepts any policy)
 * @param explicitPolicy initial-explicit-policy: the path must be valid for at least one policy
 * @param anyPolicyInhibit initial-any-policy-inhibit: anyPolicy in a certificate does not count
 * @param policyMappingInhibit initial-policy-mapping-inhibit: policy mappings are not allowed
 * @param maxChainLength the most certificates between the target and the anchor (both excluded)
 * @param requiredExtendedKeyUsages key purposes (OIDs) the target must carry if it has an EKU
 *     extension; empty for no requirement
 * @param strictProfile also enforce the RFC 5280 section 4 profile rules that issuers MUST follow
 *     (key identifiers present and non-critical, serial numbers positive and at most 20 octets,
 *     non-empty issuer names, CA extensions critical and consistent); off by default because real
 *     mail certificates break some of them without harm
 * @param maxNameConstraintChecks the most name-constraint comparisons (constraints times names) a
 *     path may need; a path that needs more is refused before it is built
 */
public record PathSettings(Set<String> initialPolicies, boolean explicitPolicy, boolean anyPolicyInhibit,
    boolean policyMappingInhibit, int maxChainLength, Set<String> requiredExtendedKeyUsages,
    boolean strictProfile, long maxNameConstraintChecks) {
  /** The anyPolicy OID of RFC 5280 section 4.2.1.4. */
  public static final String ANY_POLICY = "2.5.29.32.0";
  /** id-kp-emailProtection. */
  public static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  /** The default bound on intermediates. */
  public static final int DEFAULT_MAX_CHAIN = 10;
  /** The default bound on name-constraint work: about a million comparisons, the bound browsers use. */
  public static final long DEFAULT_MAX_NAME_CONSTRAINT_CHECKS = 1L << 20;

  public PathSettings {
    initialPolicies = Set.copyOf(Objects.requireNonNull(initialPolicies, "initialPolicies"));
    requiredExtendedKeyUsages = Set.copyOf(Objects.requireNonNull(requiredExtendedKeyUsages, "requiredExtendedKeyUsages"));
    if (initialPolicies.isEmpty()) {
      throw new IllegalArgumentException("the initial policy set is empty; use ANY_POLICY to accept any");
    }
    if (maxChainLength < 0) {
      throw new IllegalArgumentException("maxChainLength < 0");
    }
    if (maxNameConstraintChecks <= 0) {
      throw new IllegalArgumentException("maxNameConstraintChecks must be positive");
    }
  }

  /** RFC 5280's defaults: any policy, nothing explicit, nothing inhibited; at most 10 intermediates. */
  public static PathSettings defaults() {
    return new PathSettings(Set.of(ANY_POLICY), false, false, false, DEFAULT_MAX_CHAIN, Set.of(), false,
        DEFAULT_MAX_NAME_CONSTRAINT_CHECKS);
  }

  public PathSettings withInitialPolicies(Set<String> policies) {
    return new PathSettings(policies, explicitPolicy, anyPolicyInhibit, policyMappingInhibit, maxChainLength,
        requiredExtendedKeyUsages, strictProfile, maxNameConstraintChecks);
  }

  public PathSettings withExplicitPolicy(boolean on) {
    return new PathSettings(initialPolicies, on, anyPolicyInhibit, policyMappingInhibit, maxChainLength,
        requiredExtendedKeyUsages, strictProfile, maxNameConstraintChecks);
  }

  public PathSettings withAnyPolicyInhibit(boolean on) {
    return new PathSettings(initialPolicies, explicitPolicy, on, policyMappingInhibit, maxChainLength,
        requiredExtendedKeyUsages, strictProfile, maxNameConstraintChecks);
  }

  public PathSettings withPolicyMappingInhibit(boolean on) {
    return new PathSettings(initialPolicies, explicitPolicy, anyPolicyInhibit, on, maxChainLength,
        requiredExtendedKeyUsages, strictProfile, maxNameConstraintChecks);
  }

  public PathSettings withMaxChainLength(int max) {
    return new PathSettings(initialPolicies, explicitPolicy, anyPolicyInhibit, policyMappingInhibit, max,
        requiredExtendedKeyUsages, strictProfile, maxNameConstraintChecks);
  }

  public PathSettings withRequiredExtendedKeyUsages(Set<String> oids) {
    return new PathSettings(initialPolicies, explicitPolicy, anyPolicyInhibit, policyMappingInhibit, maxChainLength,
        oids, strictProfile, maxNameConstraintChecks);
  }

  public PathSettings withMaxNameConstraintChecks(long max) {
    return new PathSettings(initialPolicies, explicitPolicy, anyPolicyInhibit, policyMappingInhibit, maxChainLength,
        requiredExtendedKeyUsages, strictProfile, max);
  }

  public PathSettings withStrictProfile(boolean on) {
    return new PathSettings(initialPolicies, explicitPolicy, anyPolicyInhibit, policyMappingInhibit, maxChainLength,
        requiredExtendedKeyUsages, on, maxNameConstraintChecks);
  }
}
