package dev.signet.core;

import dev.signet.core.internal.EssLabels;

/** Checks on ESS security labels (RFC 2634) given as DER, before they are stored or used. */
public final class SecurityLabels {
  private SecurityLabels() {}

  /** Whether {@code der} is an ESS SecurityLabel: a SET holding exactly one policy identifier. */
  public static boolean isWellFormed(byte[] der) {
    return EssLabels.isWellFormed(der);
  }
}
