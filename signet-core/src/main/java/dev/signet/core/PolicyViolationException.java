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
    super(ProblemCode.POLICY_VIOLATION, setting.registryName() + ": " + message, null);
    this.setting = setting;
    this.refused = List.copyOf(refused);
  }

  public PolicySetting setting() {
    return setting;
  }

  /** The recipients or certificates refused, by address or name. */
  public List<String> refused() {
    return refused;
  }
}
