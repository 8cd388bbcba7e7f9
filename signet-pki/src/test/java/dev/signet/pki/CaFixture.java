package dev.signet.pki;

import dev.signet.core.KeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A CA set up once per test class (the passphrase's key derivation takes a second). */
final class CaFixture implements AutoCloseable {
  static final char[] PASSPHRASE = "ca passphrase for tests".toCharArray();
  final CertificateAuthority ca;
  final Issuer issuer;

  private CaFixture(CaDatabase database, KeyType keyType) {
    this.ca = CertificateAuthority.open(database);
    this.issuer = ca.init("CN=Signet Test CA,O=Example", keyType, "http://127.0.0.1:8080", PASSPHRASE, "test");
  }

  static CaFixture in(CaDatabase database, KeyType keyType) {
    return new CaFixture(database, keyType);
  }

  /** In the H2 database of a new temporary data folder. */
  static CaFixture h2(KeyType keyType) {
    try {
      return new CaFixture(CaDatabase.inDataFolder(Files.createTempDirectory("signet-ca")), keyType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ca.close();
  }
}
