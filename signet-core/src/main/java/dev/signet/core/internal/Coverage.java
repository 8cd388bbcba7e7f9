package dev.signet.core.internal;

/**
 * What the displayed content of an entity holds: parts covered by a signature or not, by
 * encryption or not. A layer covers everything below it.
 */
record Coverage(boolean signed, boolean unsigned, boolean encrypted, boolean unencrypted) {
  static final Coverage NONE = new Coverage(false, false, false, false);
  static final Coverage LEAF = new Coverage(false, true, false, true);
  static final Coverage ENCRYPTED = new Coverage(false, false, true, false);

  Coverage and(Coverage o) {
    return new Coverage(signed || o.signed, unsigned || o.unsigned, encrypted || o.encrypted,
        unencrypted || o.unencrypted);
  }

  Coverage signedWhole() {
    return new Coverage(signed || unsigned, false, encrypted, unencrypted);
  }

  Coverage encryptedWhole() {
    return new Coverage(signed, unsigned, encrypted || unencrypted, false);
  }
}
