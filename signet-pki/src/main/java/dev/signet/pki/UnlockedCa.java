package dev.signet.pki;

import dev.signet.pki.internal.CaKey;
import dev.signet.pki.internal.CaStore;
import dev.signet.pki.internal.KeySeal;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The CA as {@link CertificateAuthority#unlock} leaves it: its database, the seal its passphrase
 * opened (for the keys it keeps there later), the root and issuing keys, and the clock and
 * randomness its signatures are made with.
 */
record UnlockedCa(CaStore store, KeySeal seal, CaKey root, CaKey issuing, Clock clock, SecureRandom random) {}
