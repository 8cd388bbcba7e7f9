package dev.signet.cli;

import dev.signet.directory.Directory;
import dev.signet.directory.LdapSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which directory (GAL) to use and how to bind to it: {@code --server}, else $SIGNET_GAL; a bind
 * password from {@code --bind-pass-file}, else $SIGNET_LDAP_PASSWORD, else a prompt.
 */
final class DirectoryOption {
  static final String DEFAULT_SERVER = "ldap://127.0.0.1:1389";

  @Option(names = "--server", paramLabel = "URL",
      description = "The directory: ldap://host:port[/baseDN] or ldaps://... (default: $SIGNET_GAL; else, for the gal"
          + " verbs, " + DEFAULT_SERVER + "; compose asks a directory only when one is named).")
  String server;

  @Option(names = "--bind-dn", paramLabel = "DN", description = "Bind as this DN (default: anonymous).")
  String bindDn;

  @Option(names = "--bind-pass-file", paramLabel = "FILE",
      description = "File whose first line is the bind password (else $SIGNET_LDAP_PASSWORD, else a prompt).")
  Path bindPassFile;

  @Option(names = "--mail-attribute", paramLabel = "NAME", defaultValue = "mail",
      description = "The directory's address attribute (default: mail).")
  String mailAttribute;

  @Option(names = "--certificate-attribute", paramLabel = "NAME", defaultValue = "userCertificate;binary",
      description = "The certificate attribute (default: userCertificate;binary).")
  String certificateAttribute;

  @Option(names = "--smime-attribute", paramLabel = "NAME", defaultValue = "userSMIMECertificate",
      description = "The signed S/MIME capabilities attribute (default: userSMIMECertificate).")
  String smimeAttribute;

  /** The directory named by --server or $SIGNET_GAL, if either is. */
  Optional<Directory> configured(CommandBase command) throws IOException {
    String url = server != null ? server : command.terminal.env().get("SIGNET_GAL");
    return url == null ? Optional.empty() : Optional.of(connect(url, command));
  }

  /** The configured directory, else the embedded server's default address. */
  Directory open(CommandBase command) throws IOException {
    Optional<Directory> named = configured(command);
    return named.isPresent() ? named.get() : connect(DEFAULT_SERVER, command);
  }

  private Directory connect(String url, CommandBase command) throws IOException {
    LdapSettings settings;
    try {
      settings = LdapSettings.of(URI.create(url)).withNames(
          new LdapSettings.AttributeNames(mailAttribute, certificateAttribute, smimeAttribute));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--server: " + e.getMessage(), e);
    }
    if (bindDn == null) {
      return Directory.connect(settings);
    }
    char[] password = command.password("Bind password for " + bindDn + ": ", false, bindPassFile,
        "SIGNET_LDAP_PASSWORD");
    try {
      return Directory.connect(settings.withBind(bindDn, password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
