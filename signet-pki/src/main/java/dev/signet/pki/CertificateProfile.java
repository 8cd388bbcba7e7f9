package dev.signet.pki;

import dev.signet.core.CertificatePurpose;
import java.util.Arrays;
import java.util.Optional;

/**
 * The certificate profiles, after the CA/Browser Forum S/MIME Baseline Requirements'
 * mailbox-validated strict profile: one for signing, one for encryption, one for both.
 */
public enum CertificateProfile {
  SIGNING("signing", CertificatePurpose.SIGNING),
  ENCRYPTION("encryption", CertificatePurpose.ENCRYPTION),
  DUAL_USE("dual-use", CertificatePurpose.DUAL_USE);

  private final String cliName;
  private final CertificatePurpose purpose;

  CertificateProfile(String cliName, CertificatePurpose purpose) {
    this.cliName = cliName;
    this.purpose = purpose;
  }

  public String cliName() {
    return cliName;
  }

  public boolean signs() {
    return purpose.signs();
  }

  public boolean encrypts() {
    return purpose.encrypts();
  }

  public static Optional<CertificateProfile> fromCliName(String name) {
    return Arrays.stream(values()).filter(p -> p.cliName.equalsIgnoreCase(name)).findFirst();
  }
}
