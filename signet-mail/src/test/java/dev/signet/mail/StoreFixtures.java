package dev.signet.mail;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.testkit.TestPki;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Digital IDs built in code for the store's tests. */
final class StoreFixtures {
  static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  static final int ITERATIONS = 1000;
  static final SecureRandom RANDOM = new SecureRandom();

  private StoreFixtures() {}

  static IdStore store(java.nio.file.Path dir) {
    return IdStore.open(dir).withIterations(ITERATIONS);
  }

  /** A self-signed RSA ID, dual-use, valid for two years from now. */
  static DigitalId dualUse(String email) {
    return DigitalId.selfSigned(email, email, KeyType.RSA_2048, Clock.systemUTC(), RANDOM);
  }

  static DigitalId signingOnly(String email) {
    return DigitalId.selfSigned(email, email, KeyType.ED25519, Clock.systemUTC(), RANDOM);
  }

  /** An X25519 ID from the test PKI: key agreement only. */
  static DigitalId encryptionOnly() {
    TestPki.Identity x = TestPki.get().identity(TestPki.KeyKind.X25519);
    return DigitalId.of(x.privateKey(), x.chain());
  }

  /** An RSA ID issued in 2020 for two years: long expired. */
  static DigitalId expired(String email) {
    return DigitalId.selfSigned(email, email, KeyType.RSA_2048,
        Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC), RANDOM);
  }
}
