package dev.signet.mail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A person's address book, {@code contacts.json} in their digital-ID store folder: for each address,
 * the certificates learned from signed mail that verified and chained to a trusted root, with the
 * S/MIME capabilities announced with each. Nothing is ever learned from a bad or untrusted signature.
 */
public final class AddressBook {
  static final String FILE = "contacts.json";
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
   * the addresses learned.
   */
  public List<String> harvest(SecurityReport report, Instant now) throws IOException {
    Book book = Book.read(dir);
    List<String> learned = new ArrayList<>();
    for (SignerReport signer : report.signers()) {
      if (trustworthy(signer, now)) {
        X509Certificate cert = signer.certificate().orElseThrow();
        for (String address : Certificates.emails(cert)) {
          key(address).ifPresent(k -> {
            book.learn(k, cert, signer.capabilities(), now);
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
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * The file: {@code {"version":1,"contacts":{"alice@example.org":[{"certificate":"MII...",
   * "capabilities":["AES-256-GCM"],"firstSeen":"...","lastSeen":"..."}]}}}.
   */
  record Book(int version, Map<String, List<Entry>> contacts) {
    Book {
      contacts = new TreeMap<>(contacts == null ? Map.of() : contacts);
    }

    record Entry(String certificate, List<String> capabilities, String firstSeen, String lastSeen) {
      static Entry of(X509Certificate cert, List<ContentCipher> capabilities, Instant seen) {
        try {
          return new Entry(Base64.getEncoder().encodeToString(cert.getEncoded()),
              capabilities.stream().map(ContentCipher::displayName).toList(), seen.toString(), seen.toString());
        } catch (CertificateEncodingException e) {
          throw new IllegalArgumentException("a certificate that cannot be encoded", e);
        }
      }

      Contact.Known known() throws IOException {
        try {
          X509Certificate cert = Certificates.read(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)))
              .get(0);
          return new Contact.Known(cert, capabilities.stream().map(Book::cipher).toList(), Instant.parse(firstSeen),
              Instant.parse(lastSeen));
        } catch (RuntimeException e) {
          throw new StoreException(FILE + ": an unreadable entry: " + e.getMessage(), e);
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
        throw new StoreException(file + ": not a Signet address book: " + e.getOriginalMessage(), e);
      }
    }

    void write(Path dir) throws IOException {
      PrivateFiles.write(dir.resolve(FILE), out -> JSON.writeValue(out, this));
    }

    /** Adds the certificate to the address's history, or refreshes when it was last seen and what it announced. */
    void learn(String address, X509Certificate cert, List<ContentCipher> capabilities, Instant seen) {
      List<Entry> entries = new ArrayList<>(contacts.getOrDefault(address, List.of()));
      Entry fresh = Entry.of(cert, capabilities, seen);
      int same = indexOf(entries, fresh.certificate());
      if (same < 0) {
        entries.add(fresh);
      } else {
        Entry old = entries.get(same);
        entries.set(same, new Entry(old.certificate(), capabilities.isEmpty() ? old.capabilities()
            : fresh.capabilities(), old.firstSeen(), fresh.lastSeen()));
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
