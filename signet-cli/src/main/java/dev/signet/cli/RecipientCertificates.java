package dev.signet.cli;

import dev.signet.core.ComposeRequest.Recipient;
import dev.signet.directory.Directory;
import dev.signet.directory.Lookup;
import dev.signet.mail.AddressBook;
import dev.signet.mail.Contact;
import java.io.IOException;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Certificates for the recipients that --rcpt did not cover: the directory first, then the address
 * book; the capabilities found with them choose the cipher. Where each came from is told on stderr.
 */
final class RecipientCertificates {
  private final Optional<Directory> gal;
  private final AddressBook book;
  private final Instant now;
  private final PrintStream err;

  RecipientCertificates(Optional<Directory> gal, AddressBook book, Instant now, PrintStream err) {
    this.gal = gal;
    this.book = book;
    this.now = now;
    this.err = err;
  }

  List<Recipient> complete(List<Recipient> recipients) throws IOException {
    List<Recipient> completed = new ArrayList<>();
    for (Recipient r : recipients) {
      completed.add(r.certificate().isPresent() ? r : find(r.address()).orElse(r));
    }
    return completed;
  }

  private Optional<Recipient> find(String address) throws IOException {
    if (gal.isPresent()) {
      Lookup found = gal.get().lookup(address, now);
      Optional<X509Certificate> cert = found.encryptionCertificate();
      if (cert.isPresent()) {
        err.println("signet: " + address + ": certificate from the directory");
        return Optional.of(new Recipient(address, cert, Set.copyOf(found.capabilities())));
      }
    }
    Optional<Contact.Known> known = book.find(address).map(Contact::current).filter(k -> validNow(k.certificate()));
    known.ifPresent(k -> err.println("signet: " + address + ": certificate from the address book"));
    return known.map(k -> new Recipient(address, Optional.of(k.certificate()), Set.copyOf(k.capabilities())));
  }

  private boolean validNow(X509Certificate cert) {
    return !now.isBefore(cert.getNotBefore().toInstant()) && !now.isAfter(cert.getNotAfter().toInstant());
  }
}
