package dev.signet.mail;

import dev.signet.core.CertificateStatus;
import dev.signet.core.ComposeRequest.Recipient;
import dev.signet.core.PathSettings;
import dev.signet.core.PathValidation;
import dev.signet.core.ReadOptions;
import dev.signet.core.RevocationFetching;
import dev.signet.directory.Directory;
import dev.signet.directory.Lookup;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds recipients' encryption certificates, as a mail client with a GAL does, in one order for every
 * front end: the certificates the person gave, then each source in turn (the organisation's CA
 * records, the directory, the address book). A certificate from a source that does not vouch for it
 * (the directory, which anyone's entry may hold) is taken only when it chains to a trusted root for
 * email protection; a revoked certificate is never taken; a source that cannot be asked counts as one
 * that knows nobody.
 */
public final class RecipientLookup {
  private static final PathSettings FOR_EMAIL = PathSettings.defaults()
      .withRequiredExtendedKeyUsages(Set.of(PathSettings.EMAIL_PROTECTION));
  private static final String UNTRUSTED = "do not chain to a trusted root";

  private final List<RecipientSource> sources;
  private final Trust trust;

  /**
   * The roots a certificate from an unvouched source must chain to, the CAs between, and how revocation
   * is learned: a certificate revoked is never taken, whichever source holds it.
   *
   * @param ownRecords the certificates an organisation's CA issued, which only its records may vouch for
   *     (they know what it revoked): never taken from another source
   * @param fetching whether CRLs and OCSP answers are fetched, as when a message is read
   */
  public record Trust(List<X509Certificate> anchors, List<X509Certificate> intermediates,
      Predicate<X509Certificate> ownRecords, RevocationFetching fetching) {
    public Trust {
      anchors = List.copyOf(anchors);
      intermediates = List.copyOf(intermediates);
      Objects.requireNonNull(ownRecords, "ownRecords");
      Objects.requireNonNull(fetching, "fetching");
    }

    public Trust(List<X509Certificate> anchors, List<X509Certificate> intermediates) {
      this(anchors, intermediates, c -> false, RevocationFetching.off());
    }

    public static Trust none() {
      return new Trust(List.of(), List.of());
    }

    public Trust withFetching(RevocationFetching newFetching) {
      return new Trust(anchors, intermediates, ownRecords, newFetching);
    }

    /**
     * Why {@code c} from a source may not be used, if it may not: a vouching source's certificate only
     * when it is revoked (the organisation's own records know that already); another's unless its path
     * to a trusted root holds, unrevoked.
     */
    Optional<String> refusal(X509Certificate c, boolean vouched, Instant now) {
      if (ownRecords.test(c)) {
        return vouched ? Optional.empty() : Optional.of(UNTRUSTED);
      }
      CertificateStatus status = PathValidation.judge(c, intermediates,
          ReadOptions.verify(anchors).withFetching(fetching), FOR_EMAIL, now);
      if (status.revoked()) {
        return Optional.of("are revoked");
      }
      return vouched || status.trusted() ? Optional.empty() : Optional.of(UNTRUSTED);
    }
  }

  /**
   * A recipient as found.
   *
   * @param source where its certificate came from ("given", "the directory"), or why none was taken
   */
  public record Found(Recipient recipient, String source) {
    public Found {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(source, "source");
    }
  }

  public RecipientLookup(List<RecipientSource> sources, Trust trust) {
    this.sources = List.copyOf(sources);
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /** Completes each recipient the person gave no certificate for. */
  public List<Found> complete(List<Recipient> named, Instant now) {
    List<Found> all = new ArrayList<>();
    for (Recipient r : named) {
      all.add(r.certificate().isPresent() ? new Found(r, "given") : find(r.address(), now));
    }
    return all;
  }

  private Found find(String address, Instant now) {
    Map<String, String> refused = new LinkedHashMap<>();
    for (RecipientSource source : sources) {
      RecipientSource.Found found = ask(source, address, now);
      List<X509Certificate> usable = new ArrayList<>();
      for (X509Certificate c : found.certificates()) {
        trust.refusal(c, found.vouched(), now).ifPresentOrElse(why -> refused.merge(why, source.name(),
            (a, b) -> a.equals(b) ? a : a + ", " + b), () -> usable.add(c));
      }
      Optional<X509Certificate> cert = new RecipientSource.Found(usable, found.capabilities(), true)
          .encryptionCertificate();
      if (cert.isPresent()) {
        return new Found(new Recipient(address, cert, Set.copyOf(found.capabilities())), source.name());
      }
    }
    String why = refused.isEmpty() ? "no certificate found" : refused.entrySet().stream()
        .map(e -> "certificates in " + e.getValue() + " " + e.getKey()).collect(Collectors.joining("; "));
    return new Found(new Recipient(address, Optional.empty(), Set.of()), why);
  }

  private static RecipientSource.Found ask(RecipientSource source, String address, Instant now) {
    try {
      return source.find(address, now);
    } catch (IOException | RuntimeException e) { // a source that is down or refuses: the next one is asked
      return RecipientSource.Found.nothing();
    }
  }

  /** The directory's certificates for an address, valid now and for email protection; it vouches for none. */
  public static RecipientSource directory(Directory gal) {
    return RecipientSource.of("the directory", (address, now) -> {
      Lookup found = gal.lookup(address, now);
      return new RecipientSource.Found(found.certificates(), found.capabilities(), false);
    });
  }

  /**
   * The certificate the address book learned to encrypt to for an address ({@link Contact#forEncryption}): the
   * one its owner named, else the newest, while it is valid.
   */
  public static RecipientSource addressBook(AddressBook book) {
    return RecipientSource.of("the address book", (address, now) -> book.find(address)
        .flatMap(c -> c.forEncryption(now))
        .map(k -> new RecipientSource.Found(List.of(k.certificate()), k.capabilities(), true))
        .orElse(RecipientSource.Found.nothing()));
  }
}
