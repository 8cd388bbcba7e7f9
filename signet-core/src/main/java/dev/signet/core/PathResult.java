package dev.signet.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating a certificate path.
 *
 * @param problem why the path is not valid (empty when it is)
 * @param chain the path found, target first, ending with the trust anchor (partial or empty when
 *     no path to an anchor was found)
 */
public record PathResult(Optional<Problem> problem, List<X509Certificate> chain) {
  public PathResult {
    Objects.requireNonNull(problem, "problem");
    chain = List.copyOf(chain);
  }

  public boolean valid() {
    return problem.isEmpty();
  }
}
