package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.AuditEvent;
import dev.signet.pki.CaSettings;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EnrollmentToken;
import dev.signet.pki.Generation;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.Issuer;
import dev.signet.pki.OcspSigner;
import dev.signet.pki.CertificateProfile;
import dev.signet.pki.RevocationReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ca", mixinStandardHelpOptions = true,
    description = "The certificate authority: set up, issue, revoke, CRLs, enrollment tokens.",
    subcommands = {CaCommand.Init.class, CaCommand.Issue.class, CaCommand.Revoke.class, CaCommand.Crl.class,
        CaCommand.ListCertificates.class, CaCommand.Token.class, CaCommand.Audit.class,
        CaCommand.Archival.class, CaCommand.Recover.class, CaCommand.Settings.class})
final class CaCommand extends VerbFamily {

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create the root and issuing CA, their keys sealed under the CA passphrase "
          + "(--pass-file, else $SIGNET_CA_PASSWORD, else a prompt).")
  static final class Init extends CaVerb {
    @Option(names = "--name", required = true, paramLabel = "DN", description = "The CA's name, e.g. \"CN=Example CA,O=Example\".")
    String name;

    @Option(names = "--key", defaultValue = "rsa3072", paramLabel = "TYPE", description = "rsa3072 (default) or ec-p384.")
    String key;

    @Option(names = "--url", defaultValue = "http://localhost:8080", paramLabel = "URL",
        description = "Where `signet serve` answers over HTTP (CRLs, OCSP), written into every certificate "
            + "(default: http://localhost:8080).")
    String url;

    @Override
    int execute() throws Exception {
      KeyType type = CommandBase.keyType("--key", key, EnumSet.of(KeyType.RSA_3072, KeyType.EC_P384));
      char[] passphrase = caPassphrase(true);
      try (CertificateAuthority ca = open(true)) {
        Issuer issuer = ca.init(name, type, url, passphrase, actor());
        terminal.err().println("signet: CA " + Certificates.subject(issuer.caChain().get(0))
            + " set up in " + (db == null ? dataFolder() : "the database") + "; its root certificate:");
        terminal.out().print(CertificateAuthority.pem(List.of(issuer.caChain().get(1))));
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      return Cli.OK;
    }
  }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = "Issue a certificate for the one email address a PKCS#10 request names.")
  static final class Issue extends CaVerb {
    @Option(names = "--csr", required = true, paramLabel = "REQ.pem", description = "The request (PEM or DER).")
    Path csr;

    @Option(names = "--profile", defaultValue = "dual-use", paramLabel = "P",
        description = "signing, encryption or dual-use (default).")
    String profile;

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Validity in days (1 to 825, the S/MIME BR maximum; more is refused).")
    int days;

    @Option(names = "--out", paramLabel = "CERT.pem", description = "Where to write the certificate (default: stdout).")
    Path out;

    @Override
    int execute() throws Exception {
      CertificateProfile p = profile(profile);
      if (days <= 0) {
        throw new UsageException("--days must be positive");
      }
      byte[] request = Files.readAllBytes(csr);
      char[] passphrase = caPassphrase(false);
      try (CertificateAuthority ca = open(false)) {
        IssuedCertificate issued = ca.unlock(passphrase).issue(request, p, Duration.ofDays(days), actor());
        write(out, CertificateAuthority.pem(List.of(issued.certificate())).getBytes(StandardCharsets.US_ASCII));
        terminal.err().println("signet: issued " + p.cliName() + " certificate " + issued.serial() + " for "
            + issued.email() + ", valid until " + issued.notAfter());
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      return Cli.OK;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a certificate by its serial number.")
  static final class Revoke extends CaVerb {
    @Option(names = "--serial", required = true, paramLabel = "HEX", description = "The serial number in hex.")
    String serial;

    @Option(names = "--reason", defaultValue = "unspecified", paramLabel = "R",
        description = "unspecified, key-compromise, affiliation-changed, superseded, cessation-of-operation, "
            + "privilege-withdrawn.")
    String reason;

    @Override
    int execute() throws Exception {
      RevocationReason r = RevocationReason.fromCliName(reason)
          .orElseThrow(() -> new UsageException("unknown --reason " + reason + " (" + String.join(", ",
              Arrays.stream(RevocationReason.values()).map(RevocationReason::cliName).toList()) + ")"));
      try (CertificateAuthority ca = open(false)) {
        IssuedCertificate revoked = ca.revoke(serial, r, actor());
        terminal.err().println("signet: revoked " + revoked.serial() + " (" + revoked.email() + "), reason "
            + r.cliName() + "; OCSP says so now, the CRL from its next update");
      }
      return Cli.OK;
    }
  }

  @Command(name = "crl", mixinStandardHelpOptions = true, description = "Sign a new CRL (DER) of the issuing CA.")
  static final class Crl extends CaVerb {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it.")
    Path out;

    @Override
    int execute() throws Exception {
      char[] passphrase = caPassphrase(false);
      try (CertificateAuthority ca = open(false)) {
        write(out, ca.unlock(passphrase).crl(actor()));
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      terminal.err().println("signet: wrote " + out);
      return Cli.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the certificates the CA issued.")
  static final class ListCertificates extends CaVerb {
    @Option(names = "--email", paramLabel = "ADDR", description = "Only this address's certificates.")
    String email;

    @Override
    int execute() throws Exception {
      try (CertificateAuthority ca = open(false)) {
        List<IssuedCertificate> all = email == null ? ca.list() : ca.certificatesFor(email);
        for (IssuedCertificate c : all) {
          terminal.out().printf(Locale.ROOT, "%-40s  %-30s  %-10s  until %s  %s%n", c.serial(), c.email(),
              c.profile().cliName(), c.notAfter(), c.revocation()
                  .map(r -> "revoked " + r.at() + " (" + r.reason().cliName() + ")").orElse("valid"));
        }
      }
      return Cli.OK;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = "Print a one-time enrollment token for an address (only its hash is kept).")
  static final class Token extends CaVerb {
    @Option(names = "--email", required = true, paramLabel = "ADDR", description = "The address it enrolls.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "The person's name, for the records.")
    String name;

    @Option(names = "--ttl", defaultValue = "72h", paramLabel = "DURATION",
        description = "How long it stays valid: 30m, 72h, 7d (default 72h, at most 30d).")
    String ttl;

    @Override
    int execute() throws Exception {
      Duration lifetime = duration(ttl);
      try (CertificateAuthority ca = open(false)) {
        EnrollmentToken token = ca.token(email, Optional.ofNullable(name), lifetime, actor());
        terminal.out().println(token.secret());
        terminal.err().println("signet: token for " + token.email() + ", single use, expires " + token.expires());
      }
      return Cli.OK;
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "Print the CA's audit log.")
  static final class Audit extends CaVerb {
    @Override
    int execute() throws Exception {
      try (CertificateAuthority ca = open(false)) {
        for (AuditEvent e : ca.auditLog()) {
          terminal.out().println(e.at() + "  " + e.actor() + "  " + e.action() + "  " + e.detail());
        }
      }
      return Cli.OK;
    }
  }

  @Command(name = "archival", mixinStandardHelpOptions = true,
      description = "Turn key archival on: encryption keys are then made by the server and archived, sealed to the "
          + "recovery agent's certificate. Signing keys are never archived.")
  static final class Archival extends CaVerb {
    @Option(names = "--agent", required = true, paramLabel = "AGENT.pem", description = "The recovery agent's certificate.")
    Path agent;

    @Override
    int execute() throws Exception {
      X509Certificate cert = CommandBase.certificates(List.of(agent)).get(0);
      try (CertificateAuthority ca = open(false)) {
        ca.setRecoveryAgent(cert, actor());
      }
      terminal.err().println("signet: key archival is on; recovery agent " + Certificates.subject(cert));
      return Cli.OK;
    }
  }

  @Command(name = "recover", mixinStandardHelpOptions = true,
      description = "Recover a person's archived encryption keys with the recovery agent's digital ID; the newest goes "
          + "to --out, older ones beside it as OUT-SERIAL.p12. No CA passphrase is needed: only the agent opens them.")
  static final class Recover extends CaVerb {
    @Option(names = "--email", required = true, paramLabel = "ADDR", description = "Whose keys.")
    String email;

    @Option(names = "--agent", required = true, paramLabel = "AGENT.p12", description = "The recovery agent's digital ID.")
    Path agent;

    @Option(names = "--out", required = true, paramLabel = "ID.p12", description = "Where to write the newest key.")
    Path out;

    @Option(names = "--agent-pass-file", paramLabel = "FILE",
        description = "The agent's password (else $SIGNET_PASSWORD, else a prompt).")
    Path agentPassFile;

    @Option(names = "--new-pass-file", paramLabel = "FILE",
        description = "The password for the recovered digital IDs (else $SIGNET_NEW_PASSWORD, else a prompt).")
    Path newPassFile;

    @Override
    int execute() throws Exception {
      IdDestination.refuseExisting(out);
      DigitalId agentId = agentId();
      List<DigitalId> recovered;
      try (CertificateAuthority ca = open(false)) {
        recovered = ca.recover(email, agentId, actor());
      }
      char[] password = CommandBase.secret(terminal, "Password for the recovered digital ID: ", true, newPassFile,
          "SIGNET_NEW_PASSWORD");
      try {
        for (int i = 1; i < recovered.size(); i++) {
          IdDestination.refuseExisting(fileFor(recovered, i));
        }
        for (int i = 0; i < recovered.size(); i++) {
          DigitalId id = recovered.get(i);
          Path file = fileFor(recovered, i);
          try (StagedOutput staged = StagedOutput.to(Optional.of(file), OutputStream.nullOutputStream())) {
            id.writePkcs12(staged.stream(), password, new SecureRandom());
            staged.commit();
          }
          terminal.err().println("signet: recovered " + file + " (serial " + id.certificate().getSerialNumber().toString(16) + ")");
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      return Cli.OK;
    }

    private DigitalId agentId() throws IOException {
      char[] password = CommandBase.secret(terminal, "Password for " + agent.getFileName() + ": ", false, agentPassFile,
          "SIGNET_PASSWORD");
      try (InputStream in = Files.newInputStream(agent)) {
        return DigitalId.readPkcs12(in, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    /** The newest key goes to --out (checked before the recovery), older ones beside it as OUT-SERIAL.p12. */
    private Path fileFor(List<DigitalId> recovered, int i) {
      return i == 0 ? out
          : IdDestination.beside(out, "-" + recovered.get(i).certificate().getSerialNumber().toString(16));
    }
  }

  @Command(name = "settings", mixinStandardHelpOptions = true,
      description = "Show the CA's settings, or change those given: the S/MIME BR generation of new certificates, "
          + "how long CRLs and OCSP answers are valid, and who signs OCSP answers.")
  static final class Settings extends CaVerb {
    @Option(names = "--generation", paramLabel = "G", description = "strict or multipurpose (mailbox-validated).")
    String generation;

    @Option(names = "--crl-lifetime", paramLabel = "DURATION", description = "e.g. 24h, 7d (at most 10d).")
    String crlLifetime;

    @Option(names = "--ocsp-lifetime", paramLabel = "DURATION", description = "e.g. 1h, 8h (at most 10d).")
    String ocspLifetime;

    @Option(names = "--ocsp-signer", paramLabel = "S",
        description = "ca (the issuing CA) or delegated (a responder certificate the CA issues and renews).")
    String ocspSigner;

    @Override
    int execute() throws Exception {
      try (CertificateAuthority ca = open(false)) {
        CaSettings settings = ca.settings();
        if (generation != null) {
          settings = settings.withGeneration(Generation.fromCliName(generation)
              .orElseThrow(() -> new UsageException("unknown --generation " + generation + " (strict, multipurpose)")));
        }
        if (crlLifetime != null) {
          settings = settings.withCrlLifetime(duration(crlLifetime));
        }
        if (ocspLifetime != null) {
          settings = settings.withOcspLifetime(duration(ocspLifetime));
        }
        if (ocspSigner != null) {
          settings = settings.withOcspSigner(OcspSigner.fromCliName(ocspSigner)
              .orElseThrow(() -> new UsageException("unknown --ocsp-signer " + ocspSigner + " (ca, delegated)")));
        }
        if (!settings.equals(ca.settings())) {
          ca.changeSettings(settings, actor());
        }
        terminal.out().println("generation     " + settings.generation().cliName() + " (policy "
            + settings.generation().policyOid() + ")");
        terminal.out().println("crl-lifetime   " + settings.crlLifetime());
        terminal.out().println("ocsp-lifetime  " + settings.ocspLifetime());
        terminal.out().println("ocsp-signer    " + settings.ocspSigner().cliName());
      }
      return Cli.OK;
    }
  }

  static CertificateProfile profile(String name) {
    return CertificateProfile.fromCliName(name)
        .orElseThrow(() -> new UsageException("unknown --profile " + name + " (signing, encryption, dual-use)"));
  }

  static Duration duration(String text) {
    return Durations.parse(text)
        .orElseThrow(() -> new UsageException("not a duration: " + text + " (e.g. 30m, 72h, 7d)"));
  }
}
