package dev.signet.pki;

import dev.signet.core.KeyType;

/** The suite on the default store: H2 in the data folder. */
class CertificateAuthorityTest extends CertificateAuthoritySuite {
  @Override
  CaFixture newFixture(KeyType keyType) {
    return CaFixture.h2(keyType);
  }
}
