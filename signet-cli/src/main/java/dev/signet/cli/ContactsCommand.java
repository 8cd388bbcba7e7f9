package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.ContentCipher;
import dev.signet.mail.AddressBook;
import dev.signet.mail.Contact;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "contacts", mixinStandardHelpOptions = true,
    description = "The address book: certificates learned from trusted signed mail.",
    subcommands = {ContactsCommand.ListContacts.class, ContactsCommand.Show.class, ContactsCommand.Remove.class})
final class ContactsCommand extends VerbFamily {

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every address with the certificate mail to it is encrypted to (else its newest).")
  static final class ListContacts extends CommandBase {
    @Mixin StoreOption store;

    @Override
    public Integer call() throws Exception {
      for (Contact c : AddressBook.in(store.open(terminal).folder()).list()) {
        Contact.Known k = c.current(Instant.now());
        terminal.out().println(String.join("\t", c.address(), Certificates.subject(k.certificate()),
            "expires " + k.certificate().getNotAfter().toInstant(), ciphers(k.capabilities()),
            c.history().size() + " certificate(s)"));
      }
      return Cli.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "An address's certificates, newest first, as PEM on stdout; details on stderr.")
  static final class Show extends CommandBase {
    @Mixin StoreOption store;

    @Parameters(index = "0", paramLabel = "ADDR", description = "The email address.")
    String address;

    @Override
    public Integer call() throws Exception {
      Contact contact = AddressBook.in(store.open(terminal).folder()).find(address)
          .orElseThrow(() -> new UsageException("the address book has no " + address));
      for (Contact.Known k : contact.history()) {
        terminal.err().println("signet: " + Certificates.subject(k.certificate()) + ", serial "
            + k.certificate().getSerialNumber().toString(16) + ", valid " + k.certificate().getNotBefore().toInstant()
            + " to " + k.certificate().getNotAfter().toInstant() + ", first seen " + k.firstSeen() + ", last seen "
            + k.lastSeen() + ", " + ciphers(k.capabilities()));
        terminal.out().print(Certificates.pem(k.certificate()));
      }
      terminal.out().flush();
      return Cli.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Forget an address and its certificates.")
  static final class Remove extends CommandBase {
    @Mixin StoreOption store;

    @Parameters(index = "0", paramLabel = "ADDR", description = "The email address.")
    String address;

    @Override
    public Integer call() throws Exception {
      if (!AddressBook.in(store.open(terminal).folder()).remove(address)) {
        throw new UsageException("the address book has no " + address);
      }
      terminal.err().println("signet: removed " + address + " from the address book");
      return Cli.OK;
    }
  }

  static String ciphers(List<ContentCipher> capabilities) {
    return capabilities.isEmpty() ? "reads unknown ciphers"
        : "reads " + String.join(", ", capabilities.stream().map(ContentCipher::displayName).toList());
  }
}
