package dev.signet.server.web;

import dev.signet.core.KeyType;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.TransportException;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * The organisation's own mail server, for the tests: our mail service on loopback standing for it,
 * SMTPS and IMAPS with a certificate from a CA of its own, and one mail password per person.
 */
final class OrganisationMailServer implements AutoCloseable {
  private final MailService mail;
  private final X509Certificate root;

  private OrganisationMailServer(MailService mail, X509Certificate root) {
    this.mail = mail;
    this.root = root;
  }

  static OrganisationMailServer start(Path folder, Map<String, String> passwords) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(folder.resolve("ca")))) {
      Issuer issuer = ca.init("CN=Mail Server CA", KeyType.EC_P384, "http://127.0.0.1:1", "pass".toCharArray(), "test");
      MailService mail = MailService.start(new MailServiceConfig(folder.resolve("boxes"), "127.0.0.1", 0, 0, 0, 0),
          (address, password) -> new String(password).equals(passwords.get(address)),
          issuer.serviceIdentity(List.of("127.0.0.1")));
      passwords.keySet().forEach(mail::addMailbox);
      return new OrganisationMailServer(mail, issuer.caChain().get(issuer.caChain().size() - 1));
    }
  }

  /** The CA the server's TLS certificate chains to. */
  X509Certificate root() {
    return root;
  }

  MailServer smtps() throws TransportException {
    return MailServer.smtp("smtps://127.0.0.1:" + mail.smtpsPort());
  }

  MailServer imaps() throws TransportException {
    return MailServer.imap("imaps://127.0.0.1:" + mail.imapsPort());
  }

  @Override
  public void close() {
    mail.close();
  }
}
