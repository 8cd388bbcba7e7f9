package dev.signet.server.mail;

/** Checks a mailbox password; the service answers from its own (hashed) records, so no password is kept here. */
@FunctionalInterface
public interface MailLogins {
  boolean verify(String address, char[] password);
}
