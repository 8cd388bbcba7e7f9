package dev.signet.core;

import java.util.Objects;
import java.util.Set;

/**
 * What a reader is cleared to see under one security policy (after RFC 5755's Clearance): up to a
 * classification, and within some categories.
 *
 * @param categories the category values the reader holds, in the policy's words
 */
public record Clearance(String policy, int classification, Set<String> categories) {
  public Clearance {
    SecurityLabel.requireOid(policy, "policy");
    if (classification < 0 || classification > SecurityLabel.MAX_CLASSIFICATION) {
      throw new IllegalArgumentException("classification " + classification + " is not in 0.."
          + SecurityLabel.MAX_CLASSIFICATION);
    }
    categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
  }
}
