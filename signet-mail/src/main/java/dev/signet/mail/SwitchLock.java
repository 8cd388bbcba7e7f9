package dev.signet.mail;

import dev.signet.core.PolicySetting;
import java.util.Objects;

/**
 * A compose switch the organisation's policy fixed, and why, in the policy's own words.
 *
 * @param setting the setting that fixed it ("AlwaysEncrypt")
 * @param value the value the setting holds
 */
public record SwitchLock(PolicySetting setting, int value) {
  public SwitchLock {
    Objects.requireNonNull(setting, "setting");
  }

  /** Whether the switch is fixed on (the setting is 1) rather than off. */
  public boolean on() {
    return value == 1;
  }

  /** "your organisation's policy (AlwaysEncrypt = 1) says every outgoing message is encrypted". */
  public String why() {
    return "your organisation's policy (" + setting.registryName() + " = " + value + ") says " + setting.meaning();
  }
}
