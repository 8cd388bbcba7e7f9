package dev.signet.server.web;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicies;
import dev.signet.core.SecurityPolicyModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The security-label picker of compose: the classifications and categories the installed security
 * policy modules offer, the person's pick (or their profile's default label), and the organisation's
 * ForceSecurityLabel / ForceSecurityLabelX shown as locks. Form values name a module by its policy
 * OID: a classification is {@code OID:n}, a category {@code OID:i} (its index in the module's list).
 */
final class LabelPicker {
  private final SecurityPolicies policies;

  LabelPicker(SecurityPolicies policies) {
    this.policies = policies;
  }

  /** One entry of a list on the form. */
  record Option(String value, String text) {}

  /**
   * The picker as shown: the entries, what is picked, and the locks.
   *
   * @param forced ForceSecurityLabelX's marking, when the organisation sets every message's label
   * @param required ForceSecurityLabel = 1: "no label" is not offered
   */
  record Shown(List<Option> levels, List<Option> categories, Draft.LabelChoice picked, Optional<String> forced,
      boolean required) {
    boolean checked(String category) {
      return picked.categories().contains(category);
    }
  }

  Shown shown(Policy policy, Draft.LabelChoice picked) {
    List<Option> levels = new ArrayList<>();
    List<Option> categories = new ArrayList<>();
    for (SecurityPolicyModule m : modules()) {
      for (SecurityLabel l : m.classifications()) {
        levels.add(new Option(m.policy() + ":" + l.classification().orElse(0), m.name() + ": " + m.display(l)));
      }
      List<SecurityLabel.Category> offered = m.categories();
      for (int i = 0; i < offered.size(); i++) {
        categories.add(new Option(m.policy() + ":" + i, offered.get(i).text().orElse(offered.get(i).display())));
      }
    }
    Optional<String> forced = policy.binary(PolicySetting.FORCE_SECURITY_LABEL_X)
        .map(der -> policies.judge(SecurityLabel.fromDer(der)).display());
    boolean required = policy.effective(PolicySetting.FORCE_SECURITY_LABEL) == 1;
    Draft.LabelChoice shownPick = required && picked.level().isEmpty() && !modules().isEmpty()
        ? choiceOf(modules().get(0).defaultLabel()) : picked;
    return new Shown(levels, categories, shownPick, forced, required);
  }

  /** A label (a profile's default) as the picker shows it; entries the modules do not offer stay unpicked. */
  Draft.LabelChoice choiceOf(SecurityLabel label) {
    Optional<SecurityPolicyModule> m = policies.module(label.policy());
    if (m.isEmpty() || label.classification().isEmpty()) {
      return Draft.LabelChoice.none();
    }
    List<SecurityLabel.Category> offered = m.get().categories();
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < offered.size(); i++) {
      if (label.categories().contains(offered.get(i))) {
        picked.add(label.policy() + ":" + i);
      }
    }
    return new Draft.LabelChoice(label.policy() + ":" + label.classification().getAsInt(), picked,
        label.privacyMark().orElse(""));
  }

  /** A refused pick, with the sentence the form shows. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** The label picked; empty for "no label". */
  Optional<SecurityLabel> label(Draft.LabelChoice choice) throws Refused {
    if (choice.level().isEmpty()) {
      if (!choice.categories().isEmpty() || !choice.mark().isBlank()) {
        throw new Refused("Choose a classification for the security label, or no category and no privacy mark.");
      }
      return Optional.empty();
    }
    SecurityPolicyModule m = module(choice.level());
    OptionalInt level = number(choice.level()).stream()
        .filter(n -> m.classifications().stream().anyMatch(l -> l.classification().equals(OptionalInt.of(n))))
        .findFirst();
    if (level.isEmpty()) {
      throw new Refused("That classification is not offered by " + m.name() + ".");
    }
    List<SecurityLabel.Category> categories = new ArrayList<>();
    for (String c : choice.categories()) {
      int i = number(c).orElse(-1);
      if (module(c) != m || i < 0 || i >= m.categories().size()) {
        throw new Refused("A category is not one " + m.name() + " offers with that classification.");
      }
      categories.add(m.categories().get(i));
    }
    String mark = choice.mark().strip();
    if (mark.length() > SecurityLabel.MAX_PRIVACY_MARK || mark.chars().anyMatch(Character::isISOControl)) {
      throw new Refused("A privacy mark is one line of at most " + SecurityLabel.MAX_PRIVACY_MARK + " characters.");
    }
    SecurityLabel label = new SecurityLabel(m.policy(), level, mark.isEmpty() ? Optional.empty() : Optional.of(mark),
        categories);
    Optional<String> invalid = m.invalidity(label);
    if (invalid.isPresent()) {
      throw new Refused("Not a valid label under " + m.name() + ": " + invalid.get());
    }
    return Optional.of(label);
  }

  private SecurityPolicyModule module(String value) throws Refused {
    int colon = value.lastIndexOf(':');
    Optional<SecurityPolicyModule> m = colon < 0 ? Optional.empty() : policies.module(value.substring(0, colon));
    if (m.isEmpty()) {
      throw new Refused("No installed security policy defines that label.");
    }
    return m.get();
  }

  private static OptionalInt number(String value) {
    String n = value.substring(value.lastIndexOf(':') + 1);
    return n.matches("[0-9]{1,3}") ? OptionalInt.of(Integer.parseInt(n)) : OptionalInt.empty();
  }

  private List<SecurityPolicyModule> modules() {
    return policies.modules();
  }
}
