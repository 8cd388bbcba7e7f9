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
import java.util.Locale;
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
  private final PathValidation.Judge judge;

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
    Optional<String> refusal(X509Certificate c, boolean vouched, Instant now, PathValidation.Judge judge) {
      if (ownRecords.test(c)) {
        return vouched ? Optional.empty() : Optional.of(UNTRUSTED);
      }
      CertificateStatus status = judge.judge(c, intermediates, now);
      if (status.revoked()) {
        return Optional.of("are revoked");
      }
      return vouched || status.trusted() ? Optional.empty() : Optional.of(UNTRUSTED);
    }

    /** The judge of one lookup's certificates: its revocation fetches share one time budget. */
    PathValidation.Judge judge() {
      return PathValidation.judge(ReadOptions.verify(anchors).withFetching(fetching), FOR_EMAIL);
    }
  }

  /**
   * A recipient as found.
   *
   * @param source where its certificate came from ("given", "the directory"), or why none was taken
   * @param mark what compose shows beside the recipient: usable, or why not
   */
  public record Found(Recipient recipient, String source, CertificateMark mark) {
    public Found {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(mark, "mark");
    }
  }

  public RecipientLookup(List<RecipientSource> sources, Trust trust) {
    this.sources = List.copyOf(sources);
    this.trust = Objects.requireNonNull(trust, "trust");
    this.judge = trust.judge();
  }

  /** Completes each recipient the person gave no certificate for. */
  public List<Found> complete(List<Recipient> named, Instant now) {
    List<Found> all = new ArrayList<>();
    for (Recipient r : named) {
      all.add(r.certificate().isPresent() ? new Found(r, "given", CertificateMark.USABLE) : find(r.address(), now));
    }
    return all;
  }

  /**
   * The addresses the sources know that begin with {@code typed} (directory before address book, each
   * once, at most {@code max}), each as compose would find it: what completion offers, with its mark.
   */
  public List<Found> suggest(String typed, int max, Instant now) {
    List<String> addresses = new ArrayList<>();
    for (RecipientSource source : sources) {
      for (String a : ask(() -> source.addressesStartingWith(typed, max), List.<String>of())) {
        if (addresses.size() < max && addresses.stream().noneMatch(a::equalsIgnoreCase)) {
          addresses.add(a);
        }
      }
    }
    return addresses.stream().map(a -> find(a, now)).toList();
  }

  private Found find(String address, Instant now) {
    Map<String, String> refused = new LinkedHashMap<>();
    for (RecipientSource source : sources) {
      RecipientSource.Found found = ask(() -> source.find(address, now), RecipientSource.Found.nothing());
      List<X509Certificate> usable = new ArrayList<>();
      for (X509Certificate c : found.certificates()) {
        trust.refusal(c, found.vouched(), now, judge).ifPresentOrElse(why -> refused.merge(why, source.name(),
            (a, b) -> a.equals(b) ? a : a + ", " + b), () -> usable.add(c));
      }
      Optional<X509Certificate> cert = new RecipientSource.Found(usable, found.capabilities(), true)
          .encryptionCertificate();
      if (cert.isPresent()) {
        return new Found(new Recipient(address, cert, Set.copyOf(found.capabilities())), source.name(),
            CertificateMark.USABLE);
      }
    }
    Recipient without = new Recipient(address, Optional.empty(), Set.of());
    if (!refused.isEmpty()) {
      return new Found(without, refused.entrySet().stream().map(e -> "certificates in " + e.getValue() + " "
          + e.getKey()).collect(Collectors.joining("; ")), CertificateMark.NOT_TRUSTED);
    }
    List<String> lapsed = sources.stream().filter(s -> ask(() -> s.holdsOnlyExpired(address, now), false))
        .map(RecipientSource::name).toList();
    return lapsed.isEmpty() ? new Found(without, "no certificate found", CertificateMark.NONE_FOUND)
        : new Found(without, "certificates in " + String.join(", ", lapsed) + " have expired", CertificateMark.EXPIRED);
  }

  /** A question to a source. */
  @FunctionalInterface
  private interface Question<T> {
    T ask() throws IOException;
  }

  /** The source's answer, or {@code otherwise} when it is down or refuses: the next one is asked. */
  private static <T> T ask(Question<T> question, T otherwise) {
    try {
      return question.ask();
    } catch (IOException | RuntimeException e) {
      return otherwise;
    }
  }

  /** The directory's certificates for an address, valid now and for email protection; it vouches for none. */
  public static RecipientSource directory(Directory gal) {
    return new RecipientSource() {
      @Override
      public String name() {
        return "the directory";
      }

      @Override
      public RecipientSource.Found find(String address, Instant now) throws IOException {
        Lookup found = gal.lookup(address, now);
        return new RecipientSource.Found(found.certificates(), found.capabilities(), false);
      }

      @Override
      public boolean holdsOnlyExpired(String address, Instant now) throws IOException {
        return onlyExpired(gal.find(address).stream().flatMap(l -> l.certificates().stream()).toList(), now);
      }

      @Override
      public List<String> addressesStartingWith(String typed, int max) throws IOException {
        return gal.addressesStartingWith(typed, max);
      }
    };
  }

  /**
   * The certificate the address book learned to encrypt to for an address ({@link Contact#forEncryption}): the
   * one its owner named, else the newest, while it is valid.
   */
  public static RecipientSource addressBook(AddressBook book) {
    return new RecipientSource() {
      @Override
      public String name() {
        return "the address book";
      }

      @Override
      public RecipientSource.Found find(String address, Instant now) throws IOException {
        return book.find(address).flatMap(c -> c.forEncryption(now))
            .map(k -> new RecipientSource.Found(List.of(k.certificate()), k.capabilities(), true))
            .orElse(RecipientSource.Found.nothing());
      }

      @Override
      public boolean holdsOnlyExpired(String address, Instant now) throws IOException {
        return book.find(address).map(c -> onlyExpired(c.history().stream().map(Contact.Known::certificate).toList(),
            now)).orElse(false);
      }

      @Override
      public List<String> addressesStartingWith(String typed, int max) throws IOException {
        String start = typed.strip().toLowerCase(Locale.ROOT);
        return start.isEmpty() ? List.of() : book.list().stream().map(Contact::address)
            .filter(a -> a.toLowerCase(Locale.ROOT).startsWith(start)).limit(max).toList();
      }
    };
  }

  /** Whether there are certificates and every one of them ended before {@code now}. */
  public static boolean onlyExpired(List<X509Certificate> certificates, Instant now) {
    return !certificates.isEmpty() && certificates.stream().allMatch(c -> c.getNotAfter().toInstant().isBefore(now));
  }
}
