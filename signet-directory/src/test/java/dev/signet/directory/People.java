package dev.signet.directory;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Digital IDs and what they publish, made in code for the directory tests. */
final class People {
  static final char[] ADMIN_PASSWORD = "admin secret".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private People() {}

  static DigitalId id(String address) {
    return DigitalId.selfSigned(address, "Person " + address, KeyType.EC_P256, Clock.systemUTC(), RANDOM);
  }

  /** An ID whose certificate expired a year ago (issued three years ago, valid for two). */
  static DigitalId expired(String address) {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(3 * 365)), ZoneOffset.UTC);
    return DigitalId.selfSigned(address, "Expired " + address, KeyType.EC_P256, past, RANDOM);
  }

  static Publication publication(String address, DigitalId id) throws IOException {
    byte[] signed = Smime.withDefaults().signedCertificates(SignOptions.defaults(id), List.of());
    return new Publication(address, "Person " + address, List.of(id.certificate()), signed);
  }

  static EmbeddedSettings settings(java.nio.file.Path data) {
    return EmbeddedSettings.forDomain(data, "example.org", ADMIN_PASSWORD).withPort(0);
  }
}
