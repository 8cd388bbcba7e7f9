package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ComposeRequest.Recipient;
import dev.signet.core.RevocationFetching;
import dev.signet.testkit.RevocationPki;
import dev.signet.testkit.RevocationServer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipient's certificate is checked for revocation as a signer's is when mail is read. */
class RecipientRevocationTest {
  private static final String CAROL = "carol@partner.example";
  private static final Duration WEEK = Duration.ofDays(7);

  @TempDir Path cache;
  private RevocationServer server;
  private RevocationPki pki;

  @BeforeEach
  void start() {
    server = RevocationServer.start();
    pki = new RevocationPki(server, CAROL);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRevokedCertificateInTheDirectoryIsRefusedWithTheReason() {
    server.serve("/crl", pki.crl(WEEK, pki.signerCertificate().getSerialNumber()));

    RecipientLookup.Found found = lookUp(false, fetching());

    assertThat(found.recipient().certificate()).isEmpty();
    assertThat(found.source()).isEqualTo("certificates in the directory are revoked");
  }

  @Test
  void aRevokedCertificateTheAddressBookLearnedIsRefused() {
    server.serve("/crl", pki.crl(WEEK, pki.signerCertificate().getSerialNumber()));

    assertThat(lookUp(true, fetching()).recipient().certificate()).isEmpty();
  }

  @Test
  void aCertificateTheCrlDoesNotListIsTaken() {
    server.serve("/crl", pki.crl(WEEK));

    assertThat(lookUp(false, fetching()).recipient().certificate()).contains(pki.signerCertificate());
  }

  @Test
  void offlineACertificateWhoseRevocationCannotBeLearnedIsStillTaken() {
    server.serve("/crl", pki.crl(WEEK, pki.signerCertificate().getSerialNumber()));

    assertThat(lookUp(false, RevocationFetching.off()).recipient().certificate()).contains(pki.signerCertificate());
    assertThat(server.requests("/crl")).isZero();
  }

  private RevocationFetching fetching() {
    return RevocationFetching.cachingIn(cache).withPrivateNetworks();
  }

  /** Carol looked up in one source holding her certificate; {@code vouched}: the address book, else the directory. */
  private RecipientLookup.Found lookUp(boolean vouched, RevocationFetching how) {
    List<X509Certificate> held = List.of(pki.signerCertificate());
    RecipientSource source = RecipientSource.of(vouched ? "the address book" : "the directory",
        (address, at) -> new RecipientSource.Found(held, List.of(), vouched));
    RecipientLookup lookup = new RecipientLookup(List.of(source),
        new RecipientLookup.Trust(List.of(pki.root()), List.of()).withFetching(how));
    List<RecipientLookup.Found> found = lookup.complete(List.of(new Recipient(CAROL, Optional.empty(), Set.of())),
        Instant.now());
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
