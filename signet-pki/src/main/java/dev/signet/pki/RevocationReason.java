package dev.signet.pki;

import java.util.Arrays;
import java.util.Optional;

/** The RFC 5280 reason codes a subscriber certificate may be revoked with (certificateHold is not offered). */
public enum RevocationReason {
  UNSPECIFIED(0, "unspecified"),
  KEY_COMPROMISE(1, "key-compromise"),
  AFFILIATION_CHANGED(3, "affiliation-changed"),
  SUPERSEDED(4, "superseded"),
  CESSATION_OF_OPERATION(5, "cessation-of-operation"),
  PRIVILEGE_WITHDRAWN(9, "privilege-withdrawn");

  private final int code;
  private final String cliName;

  RevocationReason(int code, String cliName) {
    this.code = code;
    this.cliName = cliName;
  }

  /** The CRLReason value. */
  public int code() {
    return code;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<RevocationReason> fromCliName(String name) {
    return Arrays.stream(values()).filter(r -> r.cliName.equalsIgnoreCase(name)).findFirst();
  }

  public static RevocationReason fromCode(int code) {
    return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a reason the CA uses: " + code));
  }
}
