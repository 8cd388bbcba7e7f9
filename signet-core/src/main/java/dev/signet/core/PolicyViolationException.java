package dev.signet.core;

import java.util.List;

/**
 * The organisation's policy forbids what was asked: a send that a setting stops, naming the setting
 * and each recipient (or certificate) that stopped it.
 */
public final class PolicyViolationException extends SmimeException {
  private static final long serialVersionUID = 1L;
  private final PolicySetting setting;
  private final List<String> refused;

  public PolicyViolationException(PolicySetting setting, List<String> refused, String message) {
    this(setting.registryName() + ": " + message, setting, refused);
  }

  /** With the whole message, which names the setting or what else refused. */
  private PolicyViolationException(String message, PolicySetting setting, List<String> refused) {
    super(ProblemCode.POLICY_VIOLATION, message, null);
    this.setting = setting;
    this.refused = List.copyOf(refused);
  }

  /**
   * The person's security label is one its security policy module does not allow: the module refuses
   * it whatever the settings say, so the message names no setting, and {@link #setting()} is
   * ForceSecurityLabel, the setting about labels.
   */
  static PolicyViolationException ofSecurityPolicy(List<String> refused, String message) {
    return new PolicyViolationException(message, PolicySetting.FORCE_SECURITY_LABEL, refused);
  }

  public PolicySetting setting() {
    return setting;
  }

  /** The recipients or certificates refused, by address or name. */
  public List<String> refused() {
    return refused;
  }
}
