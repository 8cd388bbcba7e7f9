package dev.signet.mail;

import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One place a recipient's encryption certificate may be found: the organisation's own CA records,
 * the directory, the person's address book. {@link RecipientLookup} asks them in that order.
 */
public interface RecipientSource {
  /** How the person is told where a certificate came from ("the directory"). */
  String name();

  /**
   * The certificates this source holds for {@code address}, with the capabilities announced with them.
   *
   * @throws IOException when the source cannot be asked; the lookup goes on without it
   */
  Found find(String address, Instant now) throws IOException;

  /**
   * Whether this source holds certificates for {@code address} that have all lapsed by {@code now}: the
   * person is told "expired" rather than "none found".
   *
   * @throws IOException when the source cannot be asked
   */
  default boolean holdsOnlyExpired(String address, Instant now) throws IOException {
    return false;
  }

  /**
   * Addresses this source knows that begin with {@code typed}, at most {@code max}: what compose offers as
   * the person types. None for a source that cannot be searched so.
   *
   * @throws IOException when the source cannot be asked
   */
  default List<String> addressesStartingWith(String typed, int max) throws IOException {
    return List.of();
  }

  /** How a source finds what it holds for an address. */
  @FunctionalInterface
  interface Finder {
    Found find(String address, Instant now) throws IOException;
  }

  /** A source named {@code name} that finds with {@code finder}. */
  static RecipientSource of(String name, Finder finder) {
    return new RecipientSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Found find(String address, Instant now) throws IOException {
        return finder.find(address, now);
      }
    };
  }

  /**
   * What a source holds for an address.
   *
   * @param vouched whether the source itself vouches for the certificates (the organisation's CA, which
   *     knows what it revoked; the address book, which learned only trusted signers): others must chain
   *     to a root the person or organisation trusts
   * @param capabilities the ciphers the person announced, strongest preference first; empty when unknown
   */
  record Found(List<X509Certificate> certificates, List<ContentCipher> capabilities, boolean vouched) {
    public Found {
      certificates = List.copyOf(certificates);
      capabilities = List.copyOf(capabilities);
    }

    public static Found nothing() {
      return new Found(List.of(), List.of(), true);
    }

    /** The certificate to encrypt to: an ML-KEM one first, else the first whose key may encrypt. */
    Optional<X509Certificate> encryptionCertificate() {
      return Certificates.forEncryption(certificates);
    }
  }
}
