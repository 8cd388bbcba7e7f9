package dev.signet.pki;

import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaKey;
import dev.signet.pki.internal.CertificateMaker;
import dev.signet.pki.internal.KeyTable;
import dev.signet.pki.internal.Pem;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A key the service holds for one role (its TLS identity, delegated OCSP signing): made and certified on
 * first use, kept sealed in the CA's database so that every service node shares it, replaced when it comes
 * within {@code renewBefore} of expiry. The one unsealed is kept in memory while it lasts.
 */
final class ServiceKey {
  private final UnlockedCa unlocked;
  private final String role;
  private final String keyType;
  private final Duration renewBefore;
  private final BiFunction<PublicKey, Instant, X509Certificate> certify;
  private volatile CaKey current;

  /** {@code certify} issues the role's certificate for a new public key at the given time. */
  ServiceKey(UnlockedCa unlocked, String role, String keyType, Duration renewBefore,
      BiFunction<PublicKey, Instant, X509Certificate> certify) {
    this.unlocked = unlocked;
    this.role = role;
    this.keyType = keyType;
    this.renewBefore = renewBefore;
    this.certify = certify;
  }

  CaKey current() {
    Instant now = unlocked.clock().instant();
    CaKey held = current;
    if (held != null && lasts(held.certificate(), now)) {
      return held;
    }
    CaKey key = stored(now).orElseGet(() -> renewed(now));
    current = key;
    return key;
  }

  private boolean lasts(X509Certificate cert, Instant now) {
    return now.plus(renewBefore).isBefore(cert.getNotAfter().toInstant());
  }

  /** The key another node (or an earlier run) stored, if it lasts. */
  private Optional<CaKey> stored(Instant now) {
    return unlocked.store().key(role).flatMap(sealed -> {
      X509Certificate cert = Pem.certificate(sealed.certificate());
      return lasts(cert, now) ? Optional.of(new CaKey(
          unlocked.seal().open(sealed.sealedKey(), role, cert.getPublicKey().getAlgorithm()), cert)) : Optional.empty();
    });
  }

  private CaKey renewed(Instant now) {
    KeyPair keys = CertificateMaker.generate(keyType, unlocked.random());
    X509Certificate cert = certify.apply(keys.getPublic(), now);
    unlocked.store().inTransaction(c -> {
      KeyTable.putKey(c, new KeyTable.SealedKey(role, Pem.encoded(cert), unlocked.seal().seal(keys.getPrivate(), role)));
      AuditTable.audit(c, now, "service", role, role + " certificate " + cert.getSerialNumber().toString(16) + " for "
          + cert.getSubjectX500Principal().getName() + ", until " + cert.getNotAfter().toInstant());
      return null;
    });
    return new CaKey(keys.getPrivate(), cert);
  }
}
