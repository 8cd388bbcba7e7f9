package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The policy-module SPI and the example organisational policy Signet ships: one test per decision. */
class SecurityPoliciesTest {
  private static final String EXAMPLE = "2.25.222700090146879539320685459118652389175";
  private static final SecurityPolicies POLICIES = SecurityPolicies.installed();

  private static SecurityLabel example(int classification, String... compartments) {
    return new SecurityLabel(EXAMPLE, OptionalInt.of(classification), Optional.empty(),
        java.util.Arrays.stream(compartments).map(c -> SecurityLabel.Category.text(EXAMPLE + ".1", c)).toList());
  }

  @Test
  void theExamplePolicyIsFoundByServiceLoaderUnderItsOid() {
    assertThat(POLICIES.module(EXAMPLE)).hasValueSatisfying(
        m -> assertThat(m.name()).isEqualTo("Example Corp information classification"));
  }

  @Test
  void aValidLabelIsShownInThePolicysWords() {
    SecurityPolicies.LabelJudgement j = POLICIES.judge(example(3, "HR", "FINANCE"));

    assertThat(j.display()).isEqualTo("CONFIDENTIAL FINANCE HR");
    assertThat(j.problem()).isEmpty();
  }

  @Test
  void aLabelUnderAnUnknownPolicyIsShownButFlagged() {
    SecurityLabel foreign = new SecurityLabel("1.2.3.4", OptionalInt.of(4), Optional.empty(), List.of());

    SecurityPolicies.LabelJudgement j = POLICIES.judge(foreign);

    assertThat(j.display()).isEqualTo("SECRET [unknown policy 1.2.3.4]");
    assertThat(j.policyName()).isEmpty();
    assertThat(j.problem()).hasValueSatisfying(p -> assertThat(p).contains("no security policy module for 1.2.3.4"));
  }

  @Test
  void aClassificationThePolicyDoesNotDefineIsFlagged() {
    assertThat(POLICIES.judge(example(5)).problem()).hasValueSatisfying(
        p -> assertThat(p).contains("classification 5 is not one of PUBLIC (1), INTERNAL (2)"));
  }

  @Test
  void anUnknownCompartmentIsFlagged() {
    assertThat(POLICIES.judge(example(2, "MARKETING")).problem()).hasValueSatisfying(
        p -> assertThat(p).contains("unknown compartment"));
  }

  @Test
  void theExamplePolicyOffersItsFourClassificationsAndFourCompartments() {
    SecurityPolicyModule module = POLICIES.module(EXAMPLE).orElseThrow();

    assertThat(module.classifications()).extracting(module::display)
        .containsExactly("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");
    assertThat(module.categories()).extracting(c -> c.text().orElseThrow())
        .containsExactly("FINANCE", "HR", "LEGAL", "RESEARCH");
    assertThat(module.classifications()).allSatisfy(l -> assertThat(module.invalidity(l)).isEmpty());
  }

  @Test
  void theDefaultLabelIsInternal() {
    SecurityPolicyModule module = POLICIES.module(EXAMPLE).orElseThrow();

    assertThat(module.display(module.defaultLabel())).isEqualTo("INTERNAL");
  }

  @Test
  void aClearanceAtTheLabelsLevelWithItsCompartmentsMaySee() {
    SecurityPolicies.Access access = POLICIES.access(example(3, "FINANCE"), "confidential+finance");

    assertThat(access.granted()).isTrue();
  }

  @Test
  void aHigherClearanceMaySeeLowerContent() {
    assertThat(POLICIES.access(example(1), "SECRET").granted()).isTrue();
  }

  @Test
  void contentAboveTheClearanceIsRefusedSayingWhy() {
    SecurityPolicies.Access access = POLICIES.access(example(4), "CONFIDENTIAL");

    assertThat(access.granted()).isFalse();
    assertThat(access.reason()).isEqualTo("the content is labelled SECRET, above the clearance CONFIDENTIAL");
  }

  @Test
  void aMissingCompartmentIsRefused() {
    assertThat(POLICIES.access(example(2, "LEGAL"), "SECRET+FINANCE").granted()).isFalse();
  }

  @Test
  void aClearanceThePolicyDoesNotKnowIsRefused() {
    SecurityPolicies.Access access = POLICIES.access(example(1), "TOP-SECRET");

    assertThat(access.granted()).isFalse();
    assertThat(access.reason()).contains("\"TOP-SECRET\" is not a clearance under Example Corp");
  }

  @Test
  void noModuleMeansNoOneIsClearedForTheLabel() {
    SecurityLabel foreign = new SecurityLabel("1.2.3.4", OptionalInt.of(1), Optional.empty(), List.of());

    assertThat(POLICIES.access(foreign, "SECRET").granted()).isFalse();
  }

  @Test
  void anInvalidLabelGrantsNoAccess() {
    assertThat(POLICIES.access(example(2, "MARKETING"), "SECRET+FINANCE+HR+LEGAL+RESEARCH").granted()).isFalse();
  }
}
