package dev.signet.server;

import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.directory.EmbeddedDirectory;
import dev.signet.directory.Publication;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.Issuer;
import dev.signet.pki.CertificateProfile;
import dev.signet.server.mail.MailService;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.web.Accounts;
import dev.signet.server.web.CertificateRequests;
import dev.signet.server.web.WebUi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The demo organisation example.org: alice, bob and the administrator admin, each with a digital ID
 * from the CA (kept for the web UI, published in the directory), a mailbox, and example mail made
 * with the real engine: signed, signed and encrypted, encrypted, one whose signature no longer
 * matches, and one asking for a signed receipt. Set up once; a later start finds it and adds nothing.
 */
public final class Demo {
  public static final String DOMAIN = "example.org";
  static final String DONE_MARKER = "demo.done";

  /** The people of the demo: their addresses and roles. */
  public static final List<Accounts.Person> PEOPLE = List.of(
      new Accounts.Person("alice@" + DOMAIN, "Alice Example", Accounts.Role.PERSON),
      new Accounts.Person("bob@" + DOMAIN, "Bob Example", Accounts.Role.PERSON),
      new Accounts.Person("admin@" + DOMAIN, "Administrator", Accounts.Role.ADMIN));

  /** What a start of the demo did: set it up now, or found it set up before. */
  public record Outcome(boolean setUpNow, List<Accounts.Person> people) {}

  private final Smime smime = Smime.withDefaults();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private final Map<String, DigitalId> ids = new HashMap<>();

  private Demo() {}

  static Outcome setUp(ServiceContext context, WebUi web, MailService mail, EmbeddedDirectory directory,
      char[] password) {
    Path marker = context.dataFolder().resolve(DONE_MARKER);
    if (Files.exists(marker)) {
      return new Outcome(false, PEOPLE);
    }
    if (web.accounts().find(PEOPLE.get(0).email()).isPresent()) {
      throw new IllegalStateException("an earlier set-up of the demo in " + context.dataFolder()
          + " was cut short; remove that folder and start again");
    }
    try {
      Demo demo = new Demo();
      for (Accounts.Person p : PEOPLE) {
        demo.enrol(p, context.issuer(), web, mail, directory, password);
      }
      demo.exampleMail(mail);
      Files.writeString(marker, "set up " + demo.clock.instant() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the demo", e);
    }
    return new Outcome(true, PEOPLE);
  }

  private void enrol(Accounts.Person p, Issuer issuer, WebUi web, MailService mail, EmbeddedDirectory directory,
      char[] password) throws IOException {
    web.accounts().create(p.email(), p.name(), p.role(), password);
    mail.addMailbox(p.email());
    directory.addPerson(p.email(), p.name(), password);
    CertificateRequests request = CertificateRequests.forMailbox(p.email(), random);
    IssuedCertificate issued = issuer.issue(request.der(), CertificateProfile.DUAL_USE, Issuer.SUBSCRIBER_VALIDITY,
        "demo");
    List<X509Certificate> chain = new ArrayList<>(List.of(issued.certificate()));
    chain.addAll(issuer.caChain());
    DigitalId id = DigitalId.of(request.keys().getPrivate(), chain);
    ids.put(p.email(), id);
    web.keepDigitalId(p.email(), id, password, true);
    directory.publish(new Publication(p.email(), p.name(), List.of(issued.certificate()),
        smime.signedCertificates(SignOptions.defaults(id), List.of())));
  }

  private void exampleMail(MailService mail) throws IOException {
    String alice = PEOPLE.get(0).email();
    String bob = PEOPLE.get(1).email();
    String admin = PEOPLE.get(2).email();
    mail.deliver(List.of(alice), signed(text(admin, alice, "Welcome to Signet",
        "Welcome! This message is signed: the banner above names who signed it and whether that is trusted."),
        SignOptions.defaults(ids.get(admin))));
    mail.deliver(List.of(alice), encrypted(signed(text(bob, alice, "Quarterly figures (confidential)",
        "Signed and encrypted: only you and I can read this."), SignOptions.defaults(ids.get(bob))), alice, bob));
    mail.deliver(List.of(alice), broken(signed(text(bob, alice, "Payment details",
        "Please pay invoice 1042 to account 12345678."), SignOptions.defaults(ids.get(bob)))));
    mail.deliver(List.of(bob), encrypted(text(admin, bob, "Your new digital ID",
        "Encrypted but not signed: anyone could have sent this."), bob, admin));
    ReceiptRequest receipt = ReceiptRequest.fresh(ReceiptRequest.From.all(), List.of(alice), clock.instant(), random);
    mail.deliver(List.of(bob), signed(text(alice, bob, "Contract draft: please confirm",
        "Please confirm you received this; your mail program can return a signed receipt."),
        SignOptions.defaults(ids.get(alice)).withReceiptRequest(receipt)));
  }

  private byte[] text(String from, String to, String subject, String body) {
    byte[] id = new byte[12];
    random.nextBytes(id);
    return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)) + "\r\nMessage-ID: <"
        + HexFormat.of().formatHex(id) + "@" + DOMAIN + ">\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] signed(byte[] message, SignOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    smime.sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  private byte[] encrypted(byte[] message, String... to) throws IOException {
    List<X509Certificate> recipients = new ArrayList<>();
    for (String a : to) {
      recipients.add(ids.get(a).certificate());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    smime.encrypt(new ByteArrayInputStream(message), EncryptOptions.defaults(recipients), out);
    return out.toByteArray();
  }

  /** The clear-signed text changed after signing, as a forger in transit would: the signature no longer matches. */
  private static byte[] broken(byte[] signed) {
    String s = new String(signed, StandardCharsets.UTF_8);
    String changed = s.replace("account 12345678", "account 87654321");
    if (changed.equals(s)) {
      throw new IllegalStateException("the demo's signed text was not found to change");
    }
    return changed.getBytes(StandardCharsets.UTF_8);
  }
}
