package dev.signet.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing compose decided, and why.
 *
 * @param subject what was decided: sign, format, encrypt, recipients, cipher, key transport, sent copy
 * @param outcome the decision, e.g. {@code yes} or {@code AES-256-GCM}
 * @param setting the policy setting that decided it; empty when it was the person's choice or a default
 */
public record Decision(String subject, String outcome, Optional<PolicySetting> setting, String reason) {
  public Decision {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code cipher: AES-256-GCM (MinEncKey: minimum 168 bits, set by policy)}. */
  @Override
  public String toString() {
    return subject + ": " + outcome + " (" + setting.map(s -> s.registryName() + ": ").orElse("") + reason + ")";
  }
}
