package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ComposeRequest.Recipient;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigitalId;
import dev.signet.core.RevocationFetching;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a recipient's certificate comes from: one order, one trust rule, for the command line and the web. */
class RecipientLookupTest {
  private static final String BOB = "bob@example.org";
  private static final DigitalId GIVEN = StoreFixtures.dualUse(BOB);
  private static final DigitalId RECORDED = StoreFixtures.dualUse(BOB);
  private static final DigitalId LISTED = StoreFixtures.dualUse(BOB);
  private final Instant now = Instant.now();

  @Test
  void aGivenCertificateIsUsedWithoutAskingAnySource() {
    RecipientLookup lookup = new RecipientLookup(List.of(failing()), RecipientLookup.Trust.none());

    RecipientLookup.Found found = only(lookup.complete(List.of(new Recipient(BOB, Optional.of(GIVEN.certificate()),
        Set.of())), now));

    assertThat(found.recipient().certificate()).contains(GIVEN.certificate());
    assertThat(found.source()).isEqualTo("given");
  }

  @Test
  void theFirstSourceThatHoldsAUsableCertificateWins() {
    RecipientLookup lookup = new RecipientLookup(List.of(vouching("the CA", RECORDED), vouching("the book", LISTED)),
        RecipientLookup.Trust.none());

    RecipientLookup.Found found = only(lookup.complete(List.of(unknown()), now));

    assertThat(found.recipient().certificate()).contains(RECORDED.certificate());
    assertThat(found.source()).isEqualTo("the CA");
  }

  @Test
  void aSourceThatFailsCountsAsOneThatKnowsNobody() {
    RecipientLookup lookup = new RecipientLookup(List.of(failing(), vouching("the book", LISTED)),
        RecipientLookup.Trust.none());

    assertThat(only(lookup.complete(List.of(unknown()), now)).source()).isEqualTo("the book");
  }

  @Test
  void aDirectoryCertificateIsTakenWhenItChainsToATrustedRoot() {
    RecipientLookup lookup = new RecipientLookup(List.of(directory(LISTED)),
        new RecipientLookup.Trust(List.of(LISTED.certificate()), List.of()));

    assertThat(only(lookup.complete(List.of(unknown()), now)).recipient().certificate()).contains(LISTED.certificate());
  }

  @Test
  void aDirectoryCertificateThatChainsToNoTrustedRootIsRefusedWithTheReason() {
    RecipientLookup lookup = new RecipientLookup(List.of(directory(LISTED)), RecipientLookup.Trust.none());

    RecipientLookup.Found found = only(lookup.complete(List.of(unknown()), now));

    assertThat(found.recipient().certificate()).isEmpty();
    assertThat(found.source()).contains("the directory").contains("do not chain to a trusted root");
  }

  @Test
  void aCertificateTheOrganisationsRecordsKeepIsNeverTakenFromTheDirectory() {
    X509Certificate revokedByTheCa = LISTED.certificate();
    RecipientLookup lookup = new RecipientLookup(List.of(directory(LISTED)),
        new RecipientLookup.Trust(List.of(LISTED.certificate()), List.of(), c -> c.equals(revokedByTheCa),
            RevocationFetching.off()));

    assertThat(only(lookup.complete(List.of(unknown()), now)).recipient().certificate()).isEmpty();
  }

  @Test
  void theCapabilitiesFoundWithTheCertificateTravelWithIt() {
    RecipientSource announcing = source("the directory", new RecipientSource.Found(List.of(LISTED.certificate()),
        List.of(ContentCipher.AES_256_CBC), true));

    Recipient r = only(new RecipientLookup(List.of(announcing), RecipientLookup.Trust.none())
        .complete(List.of(unknown()), now)).recipient();

    assertThat(r.capabilities()).containsExactly(ContentCipher.AES_256_CBC);
  }

  private static Recipient unknown() {
    return new Recipient(BOB, Optional.empty(), Set.of());
  }

  private static RecipientLookup.Found only(List<RecipientLookup.Found> all) {
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static RecipientSource vouching(String name, DigitalId id) {
    return source(name, new RecipientSource.Found(List.of(id.certificate()), List.of(), true));
  }

  private static RecipientSource directory(DigitalId id) {
    return source("the directory", new RecipientSource.Found(List.of(id.certificate()), List.of(), false));
  }

  private static RecipientSource source(String name, RecipientSource.Found found) {
    return RecipientSource.of(name, (address, at) -> found);
  }

  private static RecipientSource failing() {
    return RecipientSource.of("a directory that is down", (address, at) -> {
      throw new IOException("connection refused");
    });
  }
}
