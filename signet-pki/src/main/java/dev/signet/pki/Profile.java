package dev.signet.pki;

import java.util.Arrays;
import java.util.Optional;

/**
 * The certificate profiles, after the CA/Browser Forum S/MIME Baseline Requirements'
 * mailbox-validated strict profile: one for signing, one for encryption, one for both.
 */
public enum Profile {
  SIGNING("signing"),
  ENCRYPTION("encryption"),
  DUAL_USE("dual-use");

  private final String cliName;

  Profile(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public boolean signs() {
    return this != ENCRYPTION;
  }

  public boolean encrypts() {
    return this != SIGNING;
  }

  public static Optional<Profile> fromCliName(String name) {
    return Arrays.stream(values()).filter(p -> p.cliName.equalsIgnoreCase(name)).findFirst();
  }
}
