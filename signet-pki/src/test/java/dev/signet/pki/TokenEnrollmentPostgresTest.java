package dev.signet.pki;

import dev.signet.core.KeyType;
import dev.signet.testkit.PostgresServer;

/** The same suite on PostgreSQL (Debian's 15, started for this class). */
class TokenEnrollmentPostgresTest extends TokenEnrollmentSuite {
  private PostgresServer postgres;

  @Override
  CaFixture newFixture(KeyType keyType) {
    if (postgres == null) {
      postgres = PostgresServer.start();
    }
    return CaFixture.in(CaDatabase.at(postgres.newDatabase()), keyType);
  }

  @Override
  void stopDatabase() {
    postgres.close();
  }
}
