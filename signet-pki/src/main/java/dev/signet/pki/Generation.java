package dev.signet.pki;

import java.util.Arrays;
import java.util.Optional;

/**
 * The generations of the CA/Browser Forum S/MIME Baseline Requirements (7.1.6.1) this CA issues in,
 * mailbox-validated: each end-entity certificate carries its reserved policy identifier.
 */
public enum Generation {
  STRICT("strict", "2.23.140.1.5.1.3"),
  MULTIPURPOSE("multipurpose", "2.23.140.1.5.1.2");

  private final String cliName;
  private final String policyOid;

  Generation(String cliName, String policyOid) {
    this.cliName = cliName;
    this.policyOid = policyOid;
  }

  public String cliName() {
    return cliName;
  }

  /** The BR's reserved certificate policy identifier, mailbox-validated, of this generation. */
  public String policyOid() {
    return policyOid;
  }

  public static Optional<Generation> fromCliName(String name) {
    return Arrays.stream(values()).filter(g -> g.cliName.equalsIgnoreCase(name)).findFirst();
  }
}
