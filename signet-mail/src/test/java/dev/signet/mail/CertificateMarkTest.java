package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ComposeRequest.Recipient;
import dev.signet.core.DigitalId;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mark compose shows beside a recipient before sending, and the suggestions completion offers. */
class CertificateMarkTest {
  private static final String BOB = "bob@example.org";
  private static final DigitalId CURRENT = StoreFixtures.dualUse(BOB);
  private static final DigitalId LAPSED = StoreFixtures.expired(BOB);
  private final Instant now = Instant.now();

  @Test
  void aRecipientWithAVouchedCertificateIsUsable() {
    assertThat(markOf(new RecipientLookup(List.of(holding("the CA", CURRENT.certificate(), true)),
        RecipientLookup.Trust.none()))).isEqualTo(CertificateMark.USABLE);
  }

  @Test
  void aRecipientNoSourceKnowsHasNoneFound() {
    assertThat(markOf(new RecipientLookup(List.of(), RecipientLookup.Trust.none()))).isEqualTo(CertificateMark.NONE_FOUND);
  }

  @Test
  void aRecipientWhoseOnlyCertificateLapsedIsMarkedExpired() {
    RecipientLookup.Found found = only(new RecipientLookup(List.of(holding("the address book", LAPSED.certificate(),
        true)), RecipientLookup.Trust.none()).complete(List.of(unknown()), now));

    assertThat(found.mark()).isEqualTo(CertificateMark.EXPIRED);
    assertThat(found.source()).contains("the address book", "expired");
  }

  @Test
  void aDirectoryCertificateThatChainsToNoTrustedRootIsMarkedNotTrusted() {
    assertThat(markOf(new RecipientLookup(List.of(holding("the directory", CURRENT.certificate(), false)),
        RecipientLookup.Trust.none()))).isEqualTo(CertificateMark.NOT_TRUSTED);
  }

  @Test
  void suggestionsComeFromEverySourceOnceEachWithItsMark() {
    RecipientSource ca = offering(holding("the CA", CURRENT.certificate(), true), List.of(BOB, "bea@example.org"));
    RecipientSource book = offering(RecipientSource.of("the address book", (a, at) -> RecipientSource.Found.nothing()),
        List.of("BOB@example.org", "bert@example.org"));

    List<RecipientLookup.Found> found = new RecipientLookup(List.of(ca, book), RecipientLookup.Trust.none())
        .suggest("b", 8, now);

    assertThat(found).extracting(f -> f.recipient().address())
        .containsExactly(BOB, "bea@example.org", "bert@example.org");
    assertThat(found).extracting(RecipientLookup.Found::mark)
        .containsExactly(CertificateMark.USABLE, CertificateMark.NONE_FOUND, CertificateMark.NONE_FOUND);
  }

  private CertificateMark markOf(RecipientLookup lookup) {
    return only(lookup.complete(List.of(unknown()), now)).mark();
  }

  private static Recipient unknown() {
    return new Recipient(BOB, Optional.empty(), Set.of());
  }

  private static RecipientLookup.Found only(List<RecipientLookup.Found> all) {
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** A source holding {@code certificate} for Bob, giving it only while it is valid, as the real ones do. */
  private static RecipientSource holding(String name, X509Certificate certificate, boolean vouched) {
    return new RecipientSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public RecipientSource.Found find(String address, Instant now) {
        boolean valid = !RecipientLookup.onlyExpired(List.of(certificate), now);
        return address.equals(BOB) && valid ? new RecipientSource.Found(List.of(certificate), List.of(), vouched)
            : RecipientSource.Found.nothing();
      }

      @Override
      public boolean holdsOnlyExpired(String address, Instant now) {
        return address.equals(BOB) && RecipientLookup.onlyExpired(List.of(certificate), now);
      }
    };
  }

  /** {@code source}, also offering {@code addresses} to whatever is typed. */
  private static RecipientSource offering(RecipientSource source, List<String> addresses) {
    return new RecipientSource() {
      @Override
      public String name() {
        return source.name();
      }

      @Override
      public RecipientSource.Found find(String address, Instant now) throws java.io.IOException {
        return source.find(address, now);
      }

      @Override
      public boolean holdsOnlyExpired(String address, Instant now) throws java.io.IOException {
        return source.holdsOnlyExpired(address, now);
      }

      @Override
      public List<String> addressesStartingWith(String typed, int max) {
        return addresses;
      }
    };
  }
}
