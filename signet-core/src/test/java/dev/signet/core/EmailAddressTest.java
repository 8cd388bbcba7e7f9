package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A mailbox address: split at its last "@", its domain compared without case, its local part exactly. */
class EmailAddressTest {
  @Test
  void anAddressSplitsAtItsLastAt() {
    assertThat(EmailAddress.parse("\"a@b\"@Example.ORG")).hasValue(new EmailAddress("\"a@b\"", "Example.ORG"));
  }

  @Test
  void textWithoutALocalPartOrADomainIsNoAddress() {
    assertThat(EmailAddress.parse("@example.org")).isEmpty();
    assertThat(EmailAddress.parse("alice@")).isEmpty();
    assertThat(EmailAddress.parse("alice")).isEmpty();
  }

  @Test
  void domainsCompareWithoutCaseAndLocalPartsExactly() {
    EmailAddress alice = EmailAddress.parse("alice@example.org").orElseThrow();

    assertThat(alice.sameMailbox(EmailAddress.parse("alice@EXAMPLE.org").orElseThrow())).isTrue();
    assertThat(alice.sameMailbox(EmailAddress.parse("Alice@example.org").orElseThrow())).isFalse();
  }

  @Test
  void theNormalFormLowersTheDomainOnly() {
    assertThat(EmailAddress.parse("Alice.Smith@Example.ORG").orElseThrow().normalized())
        .isEqualTo("Alice.Smith@example.org");
  }

  @Test
  void anAddressIsAtItsDomainWhateverTheCase() {
    assertThat(EmailAddress.parse("bob@Example.org").orElseThrow().isAt("example.ORG")).isTrue();
    assertThat(EmailAddress.parse("bob@example.org.evil").orElseThrow().isAt("example.org")).isFalse();
  }
}
