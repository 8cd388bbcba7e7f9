package dev.signet.server;

import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.mail.transport.TransportException;
import dev.signet.server.mail.MailServiceConfig;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where the organisation's mail lives: the embedded mail server, or the organisation's own SMTP and
 * IMAP servers, which the web UI logs in to as each person.
 */
public sealed interface OrganisationMail {

  /** The embedded mail server (GreenMail behind STARTTLS fronts); a person's web password is their mail password. */
  record Embedded(MailServiceConfig config) implements OrganisationMail {
    public Embedded {
      Objects.requireNonNull(config, "config");
    }
  }

  /**
   * The organisation's own servers: mail sent through {@code smtp}, each person's {@code imap} folder
   * read, their certificates checked against {@code trust}; the IMAP server checks their password.
   */
  record Servers(MailServer smtp, MailServer imap, ServerTrust trust) implements OrganisationMail {
    public Servers {
      Objects.requireNonNull(trust, "trust");
      if (!smtp.protocol().submission()) {
        throw new IllegalArgumentException("not an SMTP server: " + smtp);
      }
      if (imap.protocol().submission()) {
        throw new IllegalArgumentException("not an IMAP server: " + imap);
      }
    }
  }

  static OrganisationMail embedded(MailServiceConfig config) {
    return new Embedded(config);
  }

  static OrganisationMail servers(MailServer smtp, MailServer imap, ServerTrust trust) {
    return new Servers(smtp, imap, trust);
  }

  /**
   * The organisation's own servers from their URLs (smtp:// with STARTTLS or smtps://; imap:// with
   * STARTTLS or imaps://, a folder after the host), their TLS certificates chaining to {@code trust}, or
   * to the system's CAs when it is empty. A URL that names no such server is refused.
   */
  static OrganisationMail servers(String smtpUrl, String imapUrl, List<X509Certificate> trust) {
    try {
      return servers(MailServer.smtp(smtpUrl), MailServer.imap(imapUrl),
          trust.isEmpty() ? ServerTrust.system() : ServerTrust.anchoredAt(trust));
    } catch (TransportException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
