package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.mail.acme.AcmeClient;
import dev.signet.mail.acme.MailboxResponder;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.pki.CaException;
import dev.signet.pki.EstClient;
import dev.signet.pki.CertificateProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enroll", mixinStandardHelpOptions = true,
    description = "Get a digital ID from your organisation's CA: with the one-time token your administrator gave "
        + "you (EST over HTTPS, --server), or by answering the CA's challenge mail from your own mailbox (ACME for "
        + "S/MIME, RFC 8823, --acme). The key is made here; only a request goes to the server.")
final class IdEnrollCommand extends CommandBase {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofMinutes(2);

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Which way the CA checks that the address is the person's. */
  static final class Source {
    @ArgGroup(exclusive = false, heading = "With a token (EST):%n")
    Est est;

    @ArgGroup(exclusive = false, heading = "By mail (ACME; log in with --user, --mail-pass-file, --trust-server):%n")
    Acme acme;
  }

  static final class Est {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "The service, https://HOST:PORT.")
    URI server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TokenSource token;
  }

  static final class TokenSource {
    @Option(names = "--token", paramLabel = "T", description = "The token.")
    String text;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file whose first line is the token.")
    Path file;
  }

  static final class Acme {
    @Option(names = "--acme", required = true, paramLabel = "URL",
        description = "The CA's ACME directory, https://HOST:PORT/acme/directory.")
    URI directory;

    @Option(names = "--imap", required = true, paramLabel = "URL",
        description = "Your mailbox, where the challenge arrives: imap://HOST[:PORT][/FOLDER] or imaps://...")
    String imap;

    @Option(names = "--smtp", required = true, paramLabel = "URL",
        description = "Your mail server, which sends the reply as you: smtp://HOST[:PORT] or smtps://...")
    String smtp;
  }

  @Option(names = "--email", required = true, paramLabel = "ADDR", description = "Your address (the token's).")
  String email;

  @Option(names = "--ca", paramLabel = "ROOT.pem",
      description = "The organisation's root CA certificate: the only one trusted for the server and its answers "
          + "(needed with --server; with --acme, default: the system's CAs).")
  Path caFile;

  @Option(names = "--key", defaultValue = "rsa3072", paramLabel = "TYPE",
      description = "rsa2048, rsa3072 (default, as for id new: every mail client reads RSA), ec-p256 or ec-p384;"
          + " ml-dsa-44, ml-dsa-65, ml-dsa-87 (a signing certificate only); ml-kem-512, ml-kem-768, ml-kem-1024 (an"
          + " encryption certificate, enrolled with a --signing-key one whose key signs its request, RFC 9883).")
  String key;

  @Option(names = "--signing-key", defaultValue = "ml-dsa-65", paramLabel = "TYPE",
      description = "With an ml-kem --key: the signing key enrolled first (default ml-dsa-65).")
  String signingKey;

  @Option(names = "--separate-encryption-key",
      description = "Enroll a signing key and an encryption key (OUT-encryption.p12, or NAME-encryption in the store);"
          + " always so with an ml-kem --key.")
  boolean separate;

  private static final Set<KeyType> ENROLLED = EnumSet.of(KeyType.RSA_2048, KeyType.RSA_3072, KeyType.EC_P256,
      KeyType.EC_P384, KeyType.ML_DSA_44, KeyType.ML_DSA_65, KeyType.ML_DSA_87, KeyType.ML_KEM_512,
      KeyType.ML_KEM_768, KeyType.ML_KEM_1024);

  @Mixin IdDestination destination;

  @Mixin MailLoginOptions mail;

  @Override
  public Integer call() throws Exception {
    KeyType type = keyType("--key", key, ENROLLED);
    destination.check(terminal, separate || type.isKem());
    if (source.acme != null && separate) {
      throw new UsageException("--separate-encryption-key is for --server: ACME issues one dual-use digital ID");
    }
    if (source.acme != null && type.isKem()) {
      throw new UsageException("an " + type.cliName() + " key is for --server: ACME's request is signed by its own key");
    }
    List<DigitalId> ids = source.acme != null ? List.of(byMail(source.acme, type)) : withToken(source.est, type);
    char[] password = password("Password for the new digital ID: ", true);
    try {
      keep(ids.get(0), password, "");
      if (ids.size() > 1) {
        keep(ids.get(1), password, IdDestination.ENCRYPTION);
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    return Cli.OK;
  }

  private List<DigitalId> withToken(Est est, KeyType type) throws IOException {
    if (mail.given()) {
      throw new UsageException("--user, --mail-pass-file, --trust-server and --allow-plaintext are for --acme");
    }
    if (caFile == null) {
      throw new UsageException("give --ca ROOT.pem: EST trusts only the organisation's root CA");
    }
    List<X509Certificate> anchors = certificates(List.of(caFile));
    String secret = tokenText(est.token);
    KeyType signingType = type.isKem() ? keyType("--signing-key", signingKey, ENROLLED) : type;
    if (signingType.isKem()) {
      throw new UsageException("--signing-key " + signingKey + " cannot sign: the ML-KEM key needs a signing key");
    }
    if (!type.encrypts() && separate) {
      throw new UsageException("an " + type.cliName() + " key only signs: it has no encryption half to enroll");
    }
    EstClient client = EstClient.to(est.server, anchors);
    List<CertificateProfile> profiles = type.isKem() || separate
        ? List.of(CertificateProfile.SIGNING, CertificateProfile.ENCRYPTION)
        : List.of(type.encrypts() ? CertificateProfile.DUAL_USE : CertificateProfile.SIGNING);
    List<DigitalId> ids = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (CertificateProfile profile : profiles) {
      KeyType keyType = profile == CertificateProfile.SIGNING ? signingType : type;
      KeyPair keys = keyType.newKeyPair(random);
      // An ML-KEM key cannot sign its request: the signing key just enrolled signs it, naming its certificate.
      byte[] request = keyType.isKem() ? EstClient.request(keys.getPublic(), email, ids.get(0).privateKey(),
          ids.get(0).certificate()) : EstClient.request(keys, email);
      EstClient.Answer answer = client.enroll(email, secret, request, profile);
      showStatus(answer, anchors);
      if (profile == CertificateProfile.ENCRYPTION
          && answer.reason().equals(Optional.of(CaException.Reason.KEY_ARCHIVAL_REQUIRED))) {
        answer = client.enrollServerKey(email, secret, request); // the CA archives the key it makes
        showStatus(answer, anchors);
      }
      ids.add(digitalId(answer, keys, profile, client));
    }
    return ids;
  }

  /**
   * ACME for S/MIME: an account with a fresh ES256 key, an order for the address, the CA's challenge
   * mail answered from the person's mailbox, then the request finalized.
   */
  private DigitalId byMail(Acme acme, KeyType type) throws IOException {
    MailServer imap = MailServer.imap(acme.imap);
    MailServer smtp = MailServer.smtp(acme.smtp);
    List<X509Certificate> anchors = caFile == null ? List.of() : certificates(List.of(caFile));
    SecureRandom random = new SecureRandom();
    KeyPair keys = type.newKeyPair(random);
    try (Login login = mail.login(terminal, email)) {
      MailboxResponder responder = new MailboxResponder(mail.transport(), imap, smtp, login, POLL);
      AcmeClient client = AcmeClient.connect(acme.directory, anchors, KeyType.EC_P256.newKeyPair(random), POLL);
      client.register(email);
      MailboxResponder.Mark mark = responder.mark();
      AcmeClient.Order order = client.order(email);
      terminal.err().println("signet: answering the CA's challenge mail from " + order.challenge().from());
      responder.answer(order.challenge(), email, client.thumbprint(), mark, WAIT);
      client.answered(order, WAIT);
      return issuedFor(keys, withRoot(client.finalize(order, EstClient.request(keys, email), WAIT), anchors));
    }
  }

  /** The chain with the root of --ca that issued its last certificate; without --ca, as the server sent it. */
  private static List<X509Certificate> withRoot(List<X509Certificate> chain, List<X509Certificate> anchors) {
    if (anchors.isEmpty() || chain.isEmpty()) {
      return chain;
    }
    X509Certificate last = chain.get(chain.size() - 1);
    for (X509Certificate anchor : anchors) {
      if (anchor.equals(last) || issued(anchor, last)) {
        List<X509Certificate> full = new ArrayList<>(chain);
        if (!anchor.equals(last)) {
          full.add(anchor);
        }
        return full;
      }
    }
    throw new UsageException("the certificate the CA returned does not chain to --ca "
        + Certificates.subject(anchors.get(0)));
  }

  private static boolean issued(X509Certificate issuer, X509Certificate cert) {
    try {
      cert.verify(issuer.getPublicKey());
      return issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static DigitalId digitalId(EstClient.Answer answer, KeyPair keys, CertificateProfile profile, EstClient client)
      throws IOException {
    X509Certificate cert = answer.certificate().orElseThrow(() -> new UsageException(
        "the CA refused the " + profile.cliName() + " enrollment (HTTP " + answer.httpStatus() + ")"));
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    chain.addAll(client.caCertificates());
    Optional<PrivateKey> serverMade = answer.serverMadeKey(); // archived by the CA: its certificate is for that key
    return serverMade.isPresent() ? DigitalId.of(serverMade.get(), chain) : issuedFor(keys, chain);
  }

  /** The digital ID of {@code keys} and the chain the CA returned, refused unless it certifies that key. */
  private static DigitalId issuedFor(KeyPair keys, List<X509Certificate> chain) {
    if (chain.isEmpty() || !Certificates.certifies(chain.get(0), keys.getPublic())) {
      throw new UsageException("the CA returned a certificate for another key");
    }
    return DigitalId.of(keys.getPrivate(), chain);
  }

  private static String tokenText(TokenSource token) throws IOException {
    if (token.text != null) {
      return token.text.strip();
    }
    return Files.readAllLines(token.file, StandardCharsets.UTF_8).stream().findFirst()
        .orElseThrow(() -> new UsageException(token.file + " is empty")).strip();
  }

  /** Shows the CA's status message, and only as the CA's if its signature verifies and chains to --ca. */
  private void showStatus(EstClient.Answer answer, List<X509Certificate> anchors) throws IOException {
    if (answer.statusMessage().isEmpty()) {
      terminal.err().println("signet: the server sent no signed status (HTTP " + answer.httpStatus() + "): " + answer.text());
      return;
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    SecurityReport report = smime().read(new ByteArrayInputStream(answer.statusMessage().get()),
        ReadOptions.verify(anchors), content);
    boolean fromCa = !report.signers().isEmpty() && report.signers().stream()
        .allMatch(s -> s.signatureValid() && s.trust() == SignerReport.Trust.TRUSTED);
    String text = body(content.toString(StandardCharsets.UTF_8));
    if (fromCa) {
      terminal.err().println("signet: the CA (" + report.signers().get(0).subject() + ", signature valid) says: " + text);
    } else {
      throw new UsageException("the server's status message is not signed by the CA of --ca; not trusting it");
    }
  }

  private static String body(String message) {
    String m = message.replace("\r\n", "\n");
    int blank = m.indexOf("\n\n");
    return (blank < 0 ? m : m.substring(blank + 2)).strip();
  }

  private void keep(DigitalId id, char[] password, String variant) throws IOException {
    String where = destination.keep(id, password, email, variant, terminal);
    terminal.err().println("signet: " + where + " (" + Certificates.emails(id.certificate()) + ", serial "
        + id.certificate().getSerialNumber().toString(16) + ")");
  }
}
