package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.pki.CaException;
import dev.signet.pki.EstClient;
import dev.signet.pki.Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
    description = "Get a digital ID from your organisation's CA with the one-time token your administrator gave "
        + "you: the key is made here, only a request goes to the server (EST over HTTPS).")
final class IdEnrollCommand extends CommandBase {
  @Option(names = "--server", required = true, paramLabel = "URL", description = "The service, https://HOST:PORT.")
  URI server;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TokenSource token;

  static final class TokenSource {
    @Option(names = "--token", paramLabel = "T", description = "The token.")
    String text;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file whose first line is the token.")
    Path file;
  }

  @Option(names = "--email", required = true, paramLabel = "ADDR", description = "Your address (the token's).")
  String email;

  @Option(names = "--ca", required = true, paramLabel = "ROOT.pem",
      description = "The organisation's root CA certificate: the only one trusted for the server and its answers.")
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

  @Override
  public Integer call() throws Exception {
    destination.check(terminal);
    List<X509Certificate> anchors = certificates(List.of(caFile));
    String secret = tokenText();
    KeyType type = keyType("--key", key);
    KeyType signingType = type.isKem() ? keyType("--signing-key", signingKey) : type;
    if (signingType.isKem()) {
      throw new UsageException("--signing-key " + signingKey + " cannot sign: the ML-KEM key needs a signing key");
    }
    if (!type.encrypts() && separate) {
      throw new UsageException("an " + type.cliName() + " key only signs: it has no encryption half to enroll");
    }
    EstClient client = EstClient.to(server, anchors);
    List<Profile> profiles = type.isKem() || separate ? List.of(Profile.SIGNING, Profile.ENCRYPTION)
        : List.of(type.encrypts() ? Profile.DUAL_USE : Profile.SIGNING);
    List<DigitalId> ids = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (Profile profile : profiles) {
      KeyType keyType = profile == Profile.SIGNING ? signingType : type;
      KeyPair keys = keyType.newKeyPair(random);
      // An ML-KEM key cannot sign its request: the signing key just enrolled signs it, naming its certificate.
      byte[] request = keyType.isKem() ? EstClient.request(keys.getPublic(), email, ids.get(0).privateKey(),
          ids.get(0).certificate()) : EstClient.request(keys, email);
      EstClient.Answer answer = client.enroll(email, secret, request, profile);
      showStatus(answer, anchors);
      if (profile == Profile.ENCRYPTION && answer.reason().equals(Optional.of(CaException.Reason.KEY_ARCHIVAL_REQUIRED))) {
        answer = client.enrollServerKey(email, secret, request); // the CA archives the key it makes
        showStatus(answer, anchors);
      }
      ids.add(digitalId(answer, keys, profile, client));
    }
    char[] password = password("Password for the new digital ID: ", true);
    try {
      keep(ids.get(0), password, "");
      if (ids.size() > 1) {
        keep(ids.get(1), password, "-encryption");
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    return Cli.OK;
  }

  private static DigitalId digitalId(EstClient.Answer answer, KeyPair keys, Profile profile, EstClient client)
      throws java.io.IOException {
    X509Certificate cert = answer.certificate().orElseThrow(() -> new UsageException(
        "the CA refused the " + profile.cliName() + " enrollment (HTTP " + answer.httpStatus() + ")"));
    PrivateKey key = answer.serverMadeKey().orElse(keys.getPrivate());
    if (answer.serverMadeKey().isEmpty() && !Certificates.certifies(cert, keys.getPublic())) {
      throw new UsageException("the CA returned a certificate for another key");
    }
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    chain.addAll(client.caCertificates());
    return DigitalId.of(key, chain);
  }

  private String tokenText() throws java.io.IOException {
    if (token.text != null) {
      return token.text.strip();
    }
    return Files.readAllLines(token.file, StandardCharsets.UTF_8).stream().findFirst()
        .orElseThrow(() -> new UsageException(token.file + " is empty")).strip();
  }

  /** Shows the CA's status message, and only as the CA's if its signature verifies and chains to --ca. */
  private void showStatus(EstClient.Answer answer, List<X509Certificate> anchors) throws java.io.IOException {
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

  private void keep(DigitalId id, char[] password, String variant) throws java.io.IOException {
    String where = destination.keep(id, password, email, variant, terminal);
    terminal.err().println("signet: " + where + " (" + Certificates.emails(id.certificate()) + ", serial "
        + id.certificate().getSerialNumber().toString(16) + ")");
  }

  private static KeyType keyType(String option, String value) {
    return KeyType.fromCliName(value).filter(ENROLLED::contains).orElseThrow(() -> new UsageException("unknown "
        + option + " " + value + " (rsa2048, rsa3072, ec-p256, ec-p384, ml-dsa-44, ml-dsa-65, ml-dsa-87, ml-kem-512,"
        + " ml-kem-768, ml-kem-1024)"));
  }
}
