package dev.signet.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import dev.signet.core.EmailAddress;
import dev.signet.core.FailureKind;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A person's address book, {@code contacts.json} in their digital-ID store folder: for each address,
 * the certificates learned from signed mail that verified and chained to a trusted root, with the
 * S/MIME capabilities announced with each, and the certificate each signer asked to be sent encrypted
 * mail with (RFC 8551 section 2.5.3) when the message carried it. Nothing is ever learned from a bad
 * or untrusted signature.
 */
public final class AddressBook {
  static final String FILE = "contacts.json";
  private static final int RFC822_NAME = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;

  private AddressBook(Path dir) {
    this.dir = dir;
  }

  /** The address book in a digital-ID store folder; the file is created on the first change. */
  public static AddressBook in(Path storeFolder) {
    return new AddressBook(storeFolder);
  }

  /**
   * Learns the certificate and capabilities of every signer of {@code report} whose signature holds,
   * whose certificate chains to a trusted root, is not revoked and is valid at {@code now}; returns
   * the addresses learned. The certificate such a signer names as the one to encrypt to is learned
   * with it, for each of the signer's addresses its subject alternative name carries too, when it
   * chains to the signer's trust anchor, is not revoked, is valid at {@code now} and its key may encrypt.
   */
  public List<String> harvest(SecurityReport report, Instant now) throws IOException {
    Book book = Book.read(dir);
    List<String> learned = new ArrayList<>();
    for (SignerReport signer : report.signers()) {
      if (trustworthy(signer, now)) {
        X509Certificate cert = signer.certificate().orElseThrow();
        boolean namesItself = signer.encryptionCertificate().filter(e -> e.certificate().equals(cert)).isPresent();
        Optional<X509Certificate> named = signer.encryptionCertificate().filter(e -> !e.certificate().equals(cert))
            .filter(e -> trustworthy(e, now)).map(SignerReport.EncryptionCertificate::certificate);
        for (String address : Certificates.emails(cert)) {
          key(address).ifPresent(k -> {
            book.learn(k, cert, signer.capabilities(), namesItself, now);
            named.filter(e -> inSubjectAltName(e, k))
                .ifPresent(e -> book.learn(k, e, signer.capabilities(), true, now));
            learned.add(address);
          });
        }
      }
    }
    if (!learned.isEmpty()) {
      PrivateFiles.createDirectory(dir);
      book.write(dir);
    }
    return learned;
  }

  private static boolean trustworthy(SignerReport s, Instant now) {
    return s.signatureValid() && s.role() == SignerReport.Role.CONTENT && s.trust() == SignerReport.Trust.TRUSTED
        && s.revocation() != SignerReport.Revocation.REVOKED
        && s.certificate().filter(c -> validAt(c, now)).isPresent();
  }

  /** The certificate a trustworthy signer named: trusted as the signer is, valid now, and for encryption. */
  private static boolean trustworthy(SignerReport.EncryptionCertificate e, Instant now) {
    return e.trust() == SignerReport.Trust.TRUSTED && e.revocation() != SignerReport.Revocation.REVOKED
        && validAt(e.certificate(), now) && Certificates.encrypts(e.certificate());
  }

  /** Whether an rfc822Name of the certificate's subject alternative name is the address {@code key}. */
  private static boolean inSubjectAltName(X509Certificate cert, String key) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      return names != null && names.stream().anyMatch(n -> n.size() >= 2
          && Integer.valueOf(RFC822_NAME).equals(n.get(0)) && n.get(1) instanceof String s
          && key(s).filter(key::equals).isPresent());
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static boolean validAt(X509Certificate cert, Instant now) {
    try {
      cert.checkValidity(Date.from(now));
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  public List<Contact> list() throws IOException {
    List<Contact> all = new ArrayList<>();
    for (String address : Book.read(dir).contacts().keySet()) {
      find(address).ifPresent(all::add);
    }
    return all;
  }

  /** The contact for an address: the local part exactly, the domain in any case. */
  public Optional<Contact> find(String address) throws IOException {
    Optional<String> key = key(address);
    List<Book.Entry> entries = key.isEmpty() ? null : Book.read(dir).contacts().get(key.get());
    if (entries == null) {
      return Optional.empty();
    }
    List<Contact.Known> history = new ArrayList<>();
    for (Book.Entry e : entries) {
      history.add(e.known());
    }
    return Optional.of(new Contact(key.get(), history));
  }

  /** Forgets an address and its history; false when it was not there. */
  public boolean remove(String address) throws IOException {
    Book book = Book.read(dir);
    if (key(address).map(book.contacts()::remove).isEmpty()) {
      return false;
    }
    book.write(dir);
    return true;
  }

  /** Local part as written, domain in lower case: how addresses compare; empty for what is not an address. */
  private static Optional<String> key(String address) {
    return EmailAddress.parse(address).map(EmailAddress::normalized);
  }

  /**
   * The file: {@code {"version":1,"contacts":{"alice@example.org":[{"certificate":"MII...",
   * "capabilities":["AES-256-GCM"],"firstSeen":"...","lastSeen":"...","lastNamed":"..."}]}}}; lastNamed
   * only for a certificate a message named as the one to encrypt to.
   */
  record Book(int version, Map<String, List<Entry>> contacts) {
    Book {
      contacts = new TreeMap<>(contacts == null ? Map.of() : contacts);
    }

    record Entry(String certificate, List<String> capabilities, String firstSeen, String lastSeen,
        @JsonInclude(JsonInclude.Include.NON_NULL) String lastNamed) {
      static Entry of(X509Certificate cert, List<ContentCipher> capabilities, boolean named, Instant seen) {
        try {
          return new Entry(Base64.getEncoder().encodeToString(cert.getEncoded()),
              capabilities.stream().map(ContentCipher::displayName).toList(), seen.toString(), seen.toString(),
              named ? seen.toString() : null);
        } catch (CertificateEncodingException e) {
          throw new IllegalArgumentException("a certificate that cannot be encoded", e);
        }
      }

      Contact.Known known() throws IOException {
        try {
          X509Certificate cert = Certificates.read(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)))
              .get(0);
          return new Contact.Known(cert, capabilities.stream().map(Book::cipher).toList(), Instant.parse(firstSeen),
              Instant.parse(lastSeen), Optional.ofNullable(lastNamed).map(Instant::parse));
        } catch (RuntimeException e) {
          throw new StoreException(FailureKind.STORAGE, FILE + ": an unreadable entry: " + e.getMessage(), e);
        }
      }
    }

    static Book read(Path dir) throws IOException {
      Path file = dir.resolve(FILE);
      if (!Files.exists(file)) {
        return new Book(1, Map.of());
      }
      try {
        return JSON.readValue(file.toFile(), Book.class);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new StoreException(FailureKind.STORAGE, file + ": not a Signet address book: " + e.getOriginalMessage(), e);
      }
    }

    void write(Path dir) throws IOException {
      PrivateFiles.write(dir.resolve(FILE), out -> JSON.writeValue(out, this));
    }

    /**
     * Adds the certificate to the address's history, or refreshes when it was last seen, what it
     * announced and, when {@code named}, when it was last named as the certificate to encrypt to.
     */
    void learn(String address, X509Certificate cert, List<ContentCipher> capabilities, boolean named, Instant seen) {
      List<Entry> entries = new ArrayList<>(contacts.getOrDefault(address, List.of()));
      Entry fresh = Entry.of(cert, capabilities, named, seen);
      int same = indexOf(entries, fresh.certificate());
      if (same < 0) {
        entries.add(fresh);
      } else {
        Entry old = entries.get(same);
        entries.set(same, new Entry(old.certificate(), capabilities.isEmpty() ? old.capabilities()
            : fresh.capabilities(), old.firstSeen(), fresh.lastSeen(),
            named ? fresh.lastNamed() : old.lastNamed()));
      }
      contacts.put(address, List.copyOf(entries));
    }

    private static int indexOf(List<Entry> entries, String certificate) {
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).certificate().equals(certificate)) {
          return i;
        }
      }
      return -1;
    }

    private static ContentCipher cipher(String name) {
      for (ContentCipher c : ContentCipher.values()) {
        if (c.displayName().equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown cipher " + name);
    }
  }
}
