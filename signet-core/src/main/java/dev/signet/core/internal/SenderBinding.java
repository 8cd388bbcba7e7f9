package dev.signet.core.internal;

import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.Severity;
import dev.signet.core.SignerReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether good signatures bind the identity a message claims ("Johnny, You Are Fired", ID class):
 * every From and Sender address must be in a good signer's certificate; a message with no From
 * address binds to nobody; a display name that reads as another address is a spoof; a display
 * name the certificate does not carry is noted.
 */
final class SenderBinding {
  private SenderBinding() {}

  static List<Problem> check(ClaimedIdentity identity, List<SignerReport> goodSigners) {
    String signedBy = goodSigners.stream().flatMap(r -> r.email().stream()).findFirst()
        .orElse("a certificate with no address");
    List<Problem> problems = new ArrayList<>();
    if (identity.from().stream().allMatch(m -> m.address().isEmpty())) {
      problems.add(Problem.of(ProblemCode.FROM_MISMATCH,
          "signed by " + signedBy + ", but the From field names no address the signature could bind to"));
    }
    for (HeaderMailbox m : identity.all()) {
      unboundAddress(m, goodSigners, signedBy).ifPresent(problems::add);
      spoofingName(m).ifPresent(problems::add);
      uncertifiedName(m, goodSigners).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<Problem> unboundAddress(HeaderMailbox m, List<SignerReport> signers, String signedBy) {
    return m.address().filter(a -> signers.stream().noneMatch(s -> carries(s, a)))
        .map(a -> Problem.of(ProblemCode.FROM_MISMATCH, "signed by " + signedBy + ", but the message is from " + a));
  }

  private static Optional<Problem> spoofingName(HeaderMailbox m) {
    if (!m.nameImpersonatesAnotherAddress()) {
      return Optional.empty();
    }
    return Optional.of(Problem.of(ProblemCode.FROM_MISMATCH, "the display name \"" + m.displayName().trim()
        + "\" looks like an address, but the address is " + m.address().orElse("missing")));
  }

  /**
   * A display name is only the sender's say-so unless the certificate carries it ("Johnny, You Are
   * Fired", i2: "The Manager" &lt;eve@...&gt;): noted at info level, so it is visible but does not
   * change the verdict.
   */
  private static Optional<Problem> uncertifiedName(HeaderMailbox m, List<SignerReport> signers) {
    String name = m.displayName().trim();
    if (name.isEmpty() || m.nameImpersonatesAnotherAddress() || signers.stream().anyMatch(s -> names(s, name))) {
      return Optional.empty();
    }
    return Optional.of(new Problem(ProblemCode.FROM_MISMATCH, Severity.INFO, Optional.empty(),
        "the display name \"" + name + "\" is not in the signer's certificate: only the address is vouched for"));
  }

  private static boolean names(SignerReport signer, String name) {
    return signer.emails().stream().anyMatch(e -> e.equalsIgnoreCase(name))
        || commonNames(signer.subject()).stream().anyMatch(cn -> cn.equalsIgnoreCase(name));
  }

  private static List<String> commonNames(String subject) {
    try {
      return new LdapName(subject).getRdns().stream().filter(r -> r.getType().equalsIgnoreCase("CN"))
          .map(Rdn::getValue).map(String::valueOf).toList();
    } catch (InvalidNameException e) {
      return List.of();
    }
  }

  private static boolean carries(SignerReport signer, String address) {
    return signer.emails().stream().anyMatch(e -> CertificateEmails.matches(address, e));
  }
}
