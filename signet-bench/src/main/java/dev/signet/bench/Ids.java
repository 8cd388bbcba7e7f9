package dev.signet.bench;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import java.security.SecureRandom;
import java.time.Clock;

/** Self-signed digital IDs for the message benchmarks, named by their CLI key names. */
final class Ids {
  private Ids() {}

  static DigitalId selfSigned(String email, String name, String keyName) {
    KeyType type = KeyType.fromCliName(keyName)
        .orElseThrow(() -> new IllegalArgumentException("unknown key type " + keyName));
    return DigitalId.selfSigned(email, name, type, Clock.systemUTC(), new SecureRandom());
  }
}
