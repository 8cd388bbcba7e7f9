package dev.signet.core;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The security policy modules installed (found with {@link ServiceLoader}): the front door for
 * judging, showing and enforcing security labels.
 */
public final class SecurityPolicies {
  private final List<SecurityPolicyModule> modules;

  private SecurityPolicies(List<SecurityPolicyModule> modules) {
    this.modules = List.copyOf(modules);
  }

  /** The modules on the class path, loaded once. */
  public static SecurityPolicies installed() {
    return Installed.POLICIES;
  }

  public static SecurityPolicies of(List<SecurityPolicyModule> modules) {
    return new SecurityPolicies(modules);
  }

  /** The modules, in the order they were found. */
  public List<SecurityPolicyModule> modules() {
    return modules;
  }

  public Optional<SecurityPolicyModule> module(String policy) {
    return modules.stream().filter(m -> m.policy().equals(policy)).findFirst();
  }

  /** What a label says and whether it holds: under its policy's module, or flagged when none is installed. */
  public LabelJudgement judge(SecurityLabel label) {
    Optional<SecurityPolicyModule> module = module(label.policy());
    if (module.isEmpty()) {
      return new LabelJudgement(label.display() + " [unknown policy " + label.policy() + "]", Optional.empty(),
          Optional.of("no security policy module for " + label.policy() + " is installed: the label is shown as"
              + " it stands"));
    }
    return new LabelJudgement(module.get().display(label), Optional.of(module.get().name()),
        module.get().invalidity(label).map(why -> "not a valid label under " + module.get().name() + ": " + why));
  }

  /**
   * Whether a reader with the clearance {@code text} may see content labelled {@code label}; refused,
   * with the reason, when no installed module can decide.
   */
  public Access access(SecurityLabel label, String clearance) {
    Optional<SecurityPolicyModule> module = module(label.policy());
    if (module.isEmpty()) {
      return Access.refused("no security policy module for " + label.policy() + " can judge the clearance " + clearance);
    }
    SecurityPolicyModule m = module.get();
    Optional<String> invalid = m.invalidity(label);
    if (invalid.isPresent()) {
      return Access.refused("the label is not valid under " + m.name() + ": " + invalid.get());
    }
    Optional<Clearance> held = m.clearance(clearance);
    if (held.isEmpty()) {
      return Access.refused("\"" + clearance + "\" is not a clearance under " + m.name());
    }
    return m.permits(held.get(), label) ? Access.granted(m.display(label))
        : Access.refused("the content is labelled " + m.display(label) + ", above the clearance " + clearance);
  }

  /**
   * How a label is shown, and what is wrong with it.
   *
   * @param policyName the installed module's name; empty when the policy is unknown
   * @param problem why the label is flagged: an unknown policy or a label the policy does not allow
   */
  public record LabelJudgement(String display, Optional<String> policyName, Optional<String> problem) {}

  /** A reader's access to labelled content, with the reason. */
  public record Access(boolean granted, String reason) {
    static Access granted(String marking) {
      return new Access(true, "cleared for " + marking);
    }

    static Access refused(String reason) {
      return new Access(false, reason);
    }
  }

  private static final class Installed {
    static final SecurityPolicies POLICIES = new SecurityPolicies(
        ServiceLoader.load(SecurityPolicyModule.class, SecurityPolicies.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get).toList());
  }
}
