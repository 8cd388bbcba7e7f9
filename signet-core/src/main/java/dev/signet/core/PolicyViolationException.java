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
  private final boolean continuable;

  public PolicyViolationException(PolicySetting setting, List<String> refused, String message) {
    this(setting.registryName() + ": " + message, setting, refused, false);
  }

  /** With the whole message, which names the setting or what else refused. */
  private PolicyViolationException(String message, PolicySetting setting, List<String> refused, boolean continuable) {
    super(FailureKind.POLICY_VIOLATION, message, null);
    this.setting = setting;
    this.refused = List.copyOf(refused);
    this.continuable = continuable;
  }

  /**
   * Some recipients have no usable certificate and the person may choose to send to the others
   * (DisableContinueEncryption=0, and someone else can read it).
   */
  static PolicyViolationException continuable(List<String> refused, String message) {
    PolicySetting dce = PolicySetting.DISABLE_CONTINUE_ENCRYPTION;
    return new PolicyViolationException(dce.registryName() + ": " + message, dce, refused, true);
  }

  /**
   * The person's security label is one its security policy module does not allow: the module refuses
   * it whatever the settings say, so the message names no setting, and {@link #setting()} is
   * ForceSecurityLabel, the setting about labels.
   */
  static PolicyViolationException ofSecurityPolicy(List<String> refused, String message) {
    return new PolicyViolationException(message, PolicySetting.FORCE_SECURITY_LABEL, refused, false);
  }

  public PolicySetting setting() {
    return setting;
  }

  /** The recipients or certificates refused, by address or name. */
  public List<String> refused() {
    return refused;
  }

  /** Whether the send may go on without the {@link #refused()} recipients, if the person chooses so. */
  public boolean continuable() {
    return continuable;
  }
}
