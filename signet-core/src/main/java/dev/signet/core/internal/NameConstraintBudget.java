package dev.signet.core.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * Name-constraint checking costs names times constraints. Inputs whose worst case passes the
 * budget ({@link dev.signet.core.PathSettings#maxNameConstraintChecks}) are refused before any path
 * is built, so a crafted chain cannot hold validation for minutes.
 */
final class NameConstraintBudget {
  private NameConstraintBudget() {}

  static Optional<String> exceeded(X509Certificate target, List<X509Certificate> intermediates,
      List<X509Certificate> anchors, long budget) {
    long constraints = 0;
    for (X509Certificate cert : intermediates) {
      constraints += constraints(cert);
    }
    for (X509Certificate cert : anchors) {
      constraints += constraints(cert);
    }
    if (constraints == 0) {
      return Optional.empty();
    }
    long names = names(target);
    for (X509Certificate cert : intermediates) {
      names = Math.max(names, names(cert));
    }
    return names * constraints > budget
        ? Optional.of("name constraints (" + constraints + ") times names (" + names
            + ") exceed the checking budget of " + budget)
        : Optional.empty();
  }

  private static long constraints(X509Certificate cert) {
    NameConstraints nc = CertificateRules.nameConstraints(cert);
    if (nc == null) {
      return 0;
    }
    return length(nc.getPermittedSubtrees()) + length(nc.getExcludedSubtrees());
  }

  private static long length(Object[] subtrees) {
    return subtrees == null ? 0 : subtrees.length;
  }

  private static long names(X509Certificate cert) {
    long rdns = ASN1Sequence.getInstance(cert.getSubjectX500Principal().getEncoded()).size();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      return rdns + (sans == null ? 0 : sans.size());
    } catch (CertificateParsingException e) {
      return rdns;
    }
  }
}
