package dev.signet.pki;

import java.util.Arrays;
import java.util.Optional;

/** Who signs the CA's OCSP answers (RFC 6960 4.2.2.2). */
public enum OcspSigner {
  /** The issuing CA's own key. */
  ISSUING_CA("ca"),
  /** A delegated responder: a certificate from the issuing CA with id-kp-OCSPSigning and ocsp-nocheck, so the CA key stays offline from OCSP. */
  DELEGATED("delegated");

  private final String cliName;

  OcspSigner(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<OcspSigner> fromCliName(String name) {
    return Arrays.stream(values()).filter(s -> s.cliName.equalsIgnoreCase(name)).findFirst();
  }
}
