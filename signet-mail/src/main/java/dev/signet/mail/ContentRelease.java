package dev.signet.mail;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import dev.signet.core.Verdict;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a reader sees a message's content at once, or is warned first: content behind an error
 * verdict is withheld until the person asks for it, unless WarnAboutInvalid=2, Options=1 for a
 * signature that is only invalid, or (WarnAboutInvalid=0) the person asked not to be warned again
 * about exactly these problems.
 *
 * @param shown whether the content is shown without asking
 * @param by the setting that let it out despite an error verdict, if one did
 * @param quietable the problems the person may ask not to be warned of again (WarnAboutInvalid=0), when
 *     withheld; else none
 */
public record ContentRelease(boolean shown, Optional<PolicySetting> by, String reason, Set<ProblemCode> quietable) {
  public ContentRelease {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    quietable = Set.copyOf(quietable);
  }

  private ContentRelease(boolean shown, Optional<PolicySetting> by, String reason) {
    this(shown, by, reason, Set.of());
  }

  /** @param quieted problems the person asked not to be warned of again (WarnAboutInvalid=0) */
  public static ContentRelease decide(SecurityReport report, Policy policy, Set<ProblemCode> quieted) {
    if (report.verdict() != Verdict.ERROR) {
      return new ContentRelease(true, Optional.empty(), "the verdict is " + report.verdict().name().toLowerCase());
    }
    if (policy.effective(PolicySetting.WARN_ABOUT_INVALID) == 2) {
      return new ContentRelease(true, Optional.of(PolicySetting.WARN_ABOUT_INVALID), "set to 2, no warning is shown");
    }
    boolean onlySignatureInvalid = report.problems().stream().filter(Problem::isError)
        .allMatch(p -> p.code() == ProblemCode.BAD_SIGNATURE);
    if (policy.effective(PolicySetting.OPTIONS) == 1 && onlySignatureInvalid) {
      return new ContentRelease(true, Optional.of(PolicySetting.OPTIONS), "set to 1, an invalid signature is not warned of");
    }
    Set<ProblemCode> errors = report.problems().stream().filter(Problem::isError).map(Problem::code)
        .collect(Collectors.toSet());
    if (policy.effective(PolicySetting.WARN_ABOUT_INVALID) != 0) {
      return new ContentRelease(false, Optional.empty(), "the verdict is error: the person is warned first");
    }
    if (quieted.containsAll(errors)) {
      return new ContentRelease(true, Optional.of(PolicySetting.WARN_ABOUT_INVALID),
          "set to 0, and the person asked not to be warned again of these problems");
    }
    return new ContentRelease(false, Optional.empty(), "the verdict is error: the person is warned first, and may"
        + " ask not to be warned again (WarnAboutInvalid=0)", errors);
  }
}
