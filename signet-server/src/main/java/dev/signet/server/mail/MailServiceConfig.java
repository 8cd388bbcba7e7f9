package dev.signet.server.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run the embedded mail server.
 *
 * @param folder where the mailboxes are kept across restarts
 * @param host the interface to listen on, e.g. 0.0.0.0
 * @param smtpPort SMTP submission with STARTTLS (required before AUTH unless the client is on loopback)
 * @param smtpsPort SMTP submission over TLS from the first byte
 * @param imapPort IMAP with STARTTLS (required before LOGIN unless the client is on loopback)
 * @param imapsPort IMAP over TLS from the first byte
 * Port 0 picks a free port.
 */
public record MailServiceConfig(Path folder, String host, int smtpPort, int smtpsPort, int imapPort, int imapsPort) {
  public MailServiceConfig {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(host, "host");
    for (int p : new int[] {smtpPort, smtpsPort, imapPort, imapsPort}) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("not a port: " + p);
      }
    }
  }

  /** Every interface; SMTP 2525, SMTPS 2465, IMAP 1143, IMAPS 1993. */
  public static MailServiceConfig defaults(Path folder) {
    return new MailServiceConfig(folder, "0.0.0.0", 2525, 2465, 1143, 1993);
  }

  public MailServiceConfig withHost(String h) {
    return new MailServiceConfig(folder, h, smtpPort, smtpsPort, imapPort, imapsPort);
  }

  public MailServiceConfig withPorts(int smtp, int smtps, int imap, int imaps) {
    return new MailServiceConfig(folder, host, smtp, smtps, imap, imaps);
  }

  InetAddress bindAddress() {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address to listen on: " + host, e);
    }
  }
}
