package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.mail.Correspondent;
import dev.signet.mail.Sender;
import dev.signet.core.PolicyViolationException;
import dev.signet.core.SignOptions;
import dev.signet.directory.Directory;
import dev.signet.directory.Lookup;
import dev.signet.directory.Publication;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "gal", mixinStandardHelpOptions = true,
    description = "The directory (Global Address List): publish your certificates, look up others'.",
    subcommands = {GalCommand.Publish.class, GalCommand.LookUp.class})
final class GalCommand extends VerbFamily {
  static final int NOT_FOUND = 1;

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Put your current signing and encryption certificates, and their signed S/MIME capabilities,"
          + " on your directory entry (refused when PublishToGALDisabled is 1).")
  static final class Publish extends CommandBase {
    @Mixin SenderOption sender;
    @Mixin DirectoryOption directory;

    @Mixin PolicyOption policy;

    @Override
    public Integer call() throws Exception {
      Policy inForce = policy.inForce(terminal);
      if (inForce.effective(PolicySetting.PUBLISH_TO_GAL_DISABLED) == 1) {
        throw new PolicyViolationException(PolicySetting.PUBLISH_TO_GAL_DISABLED, List.of(),
            "users cannot publish their certificates to the directory");
      }
      Sender who = sender.resolve(this, Correspondent.of(sender.store.open(terminal), inForce));
      DigitalId id = who.id();
      String address = Certificates.emails(id.certificate()).stream().findFirst()
          .orElseThrow(() -> new UsageException("the digital ID's certificate carries no email address"));
      List<X509Certificate> certificates = new ArrayList<>(List.of(id.certificate()));
      if (!certificates.contains(who.settings().encryptionCertificate())) {
        certificates.add(who.settings().encryptionCertificate());
      }
      SignOptions signing = SignOptions.defaults(id).withDigest(who.settings().digest());
      byte[] signed = smime().signedCertificates(signing, certificates.subList(1, certificates.size()));
      try (Directory gal = directory.open(this)) {
        gal.publish(new Publication(address, commonName(id.certificate()), certificates, signed));
      }
      terminal.err().println("signet: published " + certificates.size() + " certificate(s) for " + address);
      return Cli.OK;
    }

    /** The subject's common name, the entry's display name; the whole subject when it has none. */
    private static String commonName(X509Certificate cert) throws InvalidNameException {
      String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
      return new LdapName(subject).getRdns().stream().filter(r -> r.getType().equalsIgnoreCase("CN"))
          .map(r -> r.getValue().toString()).findFirst().orElse(subject);
    }
  }

  @Command(name = "lookup", mixinStandardHelpOptions = true,
      description = "Print the usable certificates for an address (valid now, for email protection, carrying the"
          + " address) as PEM; exit 1 when there is none.")
  static final class LookUp extends CommandBase {
    @Mixin DirectoryOption directory;

    @Parameters(index = "0", paramLabel = "ADDR", description = "The email address.")
    String address;

    @Override
    public Integer call() throws Exception {
      Lookup found;
      try (Directory gal = directory.open(this)) {
        found = gal.lookup(address, Instant.now());
      }
      if (!found.found()) {
        terminal.err().println("signet: no usable certificate for " + address + " in the directory");
        return NOT_FOUND;
      }
      found.certificates().forEach(c -> terminal.out().print(Certificates.pem(c)));
      terminal.out().flush();
      terminal.err().println("signet: " + found.certificates().size() + " certificate(s) for " + address
          + "; " + ContactsCommand.ciphers(found.capabilities()));
      return Cli.OK;
    }
  }
}
