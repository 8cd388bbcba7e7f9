package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whether a reader sees content at once: the one rule the command line and the web both follow. */
class ContentReleaseTest {
  private static final SecurityReport BAD_SIGNATURE = report(ProblemCode.BAD_SIGNATURE);
  private static final SecurityReport BAD_SIGNATURE_AND_REVOKED =
      report(ProblemCode.BAD_SIGNATURE, ProblemCode.CERT_REVOKED);

  @Test
  void contentWithoutAnErrorIsShown() {
    assertThat(decide(new SecurityReport(List.of(), List.of(), List.of()), Policy.defaults()).shown()).isTrue();
  }

  @Test
  void anErrorVerdictWithholdsTheContentUntilThePersonAsks() {
    ContentRelease r = decide(BAD_SIGNATURE, Policy.defaults());

    assertThat(r.shown()).isFalse();
    assertThat(r.by()).isEmpty();
  }

  @Test
  void optionsOneShowsAMessageWhoseOnlyErrorIsTheSignature() {
    ContentRelease r = decide(BAD_SIGNATURE, policy(PolicySetting.OPTIONS, "1"));

    assertThat(r.shown()).isTrue();
    assertThat(r.by()).contains(PolicySetting.OPTIONS);
  }

  @Test
  void optionsOneStillWarnsOfAnyOtherError() {
    assertThat(decide(BAD_SIGNATURE_AND_REVOKED, policy(PolicySetting.OPTIONS, "1")).shown()).isFalse();
  }

  @Test
  void warnAboutInvalidTwoNeverWarns() {
    ContentRelease r = decide(BAD_SIGNATURE_AND_REVOKED, policy(PolicySetting.WARN_ABOUT_INVALID, "2"));

    assertThat(r.shown()).isTrue();
    assertThat(r.by()).contains(PolicySetting.WARN_ABOUT_INVALID);
  }

  @Test
  void problemsThePersonQuietedAreNotWarnedOfAgainUnderWarnAboutInvalidZero() {
    Policy zero = policy(PolicySetting.WARN_ABOUT_INVALID, "0");
    Set<ProblemCode> both = Set.of(ProblemCode.BAD_SIGNATURE, ProblemCode.CERT_REVOKED);

    assertThat(ContentRelease.decide(BAD_SIGNATURE_AND_REVOKED, zero, both).shown()).isTrue();
    assertThat(ContentRelease.decide(BAD_SIGNATURE_AND_REVOKED, zero, Set.of(ProblemCode.BAD_SIGNATURE)).shown())
        .isFalse();
  }

  @Test
  void quietedProblemsCountOnlyUnderWarnAboutInvalidZero() {
    Policy one = policy(PolicySetting.WARN_ABOUT_INVALID, "1");

    assertThat(ContentRelease.decide(BAD_SIGNATURE, one, Set.of(ProblemCode.BAD_SIGNATURE)).shown()).isFalse();
  }

  @Test
  void aWithheldMessageOffersItsErrorsToQuietOnlyUnderWarnAboutInvalidZero() {
    assertThat(decide(BAD_SIGNATURE_AND_REVOKED, policy(PolicySetting.WARN_ABOUT_INVALID, "0")).quietable())
        .containsExactlyInAnyOrder(ProblemCode.BAD_SIGNATURE, ProblemCode.CERT_REVOKED);
    assertThat(decide(BAD_SIGNATURE_AND_REVOKED, policy(PolicySetting.WARN_ABOUT_INVALID, "1")).quietable()).isEmpty();
  }

  @Test
  void aMessageShownOffersNothingToQuiet() {
    Policy zero = policy(PolicySetting.WARN_ABOUT_INVALID, "0");

    assertThat(ContentRelease.decide(BAD_SIGNATURE, zero, Set.of(ProblemCode.BAD_SIGNATURE)).quietable()).isEmpty();
  }

  static SecurityReport report(ProblemCode... errors) {
    return new SecurityReport(List.of(), List.of(),
        java.util.Arrays.stream(errors).map(c -> Problem.of(c, c.name())).toList());
  }

  static Policy policy(PolicySetting setting, String value) {
    return new Policy(Map.of(setting, value), "test");
  }

  private static ContentRelease decide(SecurityReport report, Policy policy) {
    return ContentRelease.decide(report, policy, Set.of());
  }
}
