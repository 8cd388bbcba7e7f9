package dev.signet.cli;

import dev.signet.core.ComposeRequest;
import dev.signet.core.Decision;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.directory.Directory;
import dev.signet.mail.AddressBook;
import dev.signet.mail.Copies;
import dev.signet.mail.Correspondent;
import dev.signet.mail.IdStore;
import dev.signet.mail.Outgoing;
import dev.signet.mail.RecipientLookup;
import dev.signet.mail.RecipientSource;
import dev.signet.mail.SendChoices;
import dev.signet.mail.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What compose, send and policy explain share: the person's choices as options, and how decisions are shown. */
abstract class Composing extends CommandBase {
  @Mixin SenderOption from;

  @Option(names = "--rcpt", paramLabel = "CERT.pem", description = "Recipients' certificates, matched by address; repeat.")
  List<Path> rcpt = new ArrayList<>();

  @Option(names = "--sign", description = "Sign the message.")
  boolean sign;

  @Option(names = "--encrypt", description = "Encrypt the message to its To, Cc and Bcc recipients and the sender.")
  boolean encrypt;

  @Option(names = "--opaque", description = "Sign opaque (pkcs7-mime) unless ClearSign decides.")
  boolean opaque;

  @Option(names = "--continue-encryption",
      description = "Encrypt to the recipients who have a usable certificate (unless DisableContinueEncryption is 1).")
  boolean continueEncryption;

  @Mixin PolicyOption policy;

  @Option(names = "--trust", paramLabel = "ROOTS.pem",
      description = "Roots a certificate from the directory must chain to (for email protection); repeatable.")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--certs", paramLabel = "CERTS.pem", description = "Intermediate CAs for those chains; repeatable.")
  List<Path> intermediates = new ArrayList<>();

  @Mixin RevocationOption revocation;

  @Option(names = "--json", description = "Show the decisions as JSON.")
  boolean json;

  @Mixin DirectoryOption gal;

  @Mixin EssOptions ess;

  /**
   * Plans the message whose header block is {@code head} as signet-mail decides; where each recipient's
   * certificate came from goes to stderr.
   */
  Outgoing plan(byte[] head, ComposeSession session) throws IOException {
    List<RecipientLookup.Found> found = session.person.recipients(head, certificates(rcpt));
    for (RecipientLookup.Found f : found) {
      if (!f.source().equals("given")) {
        terminal.err().println("signet: " + f.recipient().address() + ": "
            + (f.recipient().certificate().isPresent() ? "certificate from " + f.source() : f.source()));
      }
    }
    return session.person.plan(found, choices(session.sender), session.sender);
  }

  private SendChoices choices(Sender sender) throws IOException {
    return new SendChoices(sign || ess.tripleWrap, encrypt, opaque, continueEncryption, ess.choices(sender));
  }

  /** The person, the sender and the directory for one run; the directory is closed with it. */
  final class ComposeSession implements AutoCloseable {
    final Correspondent person;
    final Sender sender;
    private final Optional<Directory> directory;

    ComposeSession() throws IOException {
      IdStore store = from.store.open(terminal);
      directory = gal.configured(Composing.this);
      List<RecipientSource> sources = new ArrayList<>();
      directory.map(RecipientLookup::directory).ifPresent(sources::add);
      sources.add(RecipientLookup.addressBook(AddressBook.in(store.folder())));
      person = Correspondent.of(store, policy.inForce(terminal)).withRecipientLookup(new RecipientLookup(sources,
          new RecipientLookup.Trust(certificates(trust), certificates(intermediates))
              .withFetching(revocation.fetching())));
      sender = from.resolve(Composing.this, person);
    }

    @Override
    public void close() {
      directory.ifPresent(Directory::close);
    }
  }

  /**
   * What compose does: reads the message's header block, plans it (the decisions go to stderr) and
   * writes the protected message to {@code out}, as one message, streaming. Encrypted with Bcc
   * recipients, the one message names them in its encryption: stderr says so, and that send does not.
   */
  void compose(OutputStream out) throws IOException {
    try (ComposeSession session = new ComposeSession(); InputStream s = input()) {
      MessageHead head = session.person.completed(MessageHead.read(s, Limits.DEFAULT));
      Outgoing planned = planned(head.bytes(), session);
      if (planned.copies(ComposeRequest.blindOf(head.bytes())).size() > 1) {
        terminal.err().println("signet: the Bcc recipients can be seen in this message's encryption by every"
            + " recipient; send gives each a copy of their own");
      }
      Optional<SignedReceiptRequest> kept = session.person.write(head, planned, session.sender, ess.tripleWrap, out);
      SentRequests.keep(from.store, terminal, kept, head.bytes());
    }
  }

  /**
   * What send does: as compose, but as the copies signet-mail makes (encrypted, each Bcc recipient gets
   * a copy of their own and the others one without them), each with its recipients; held in memory.
   */
  List<Copies.Copy> copies() throws IOException {
    try (ComposeSession session = new ComposeSession(); InputStream s = input()) {
      MessageHead head = session.person.completed(MessageHead.read(s, Limits.DEFAULT));
      byte[] headBytes = head.bytes();
      Outgoing planned = planned(headBytes, session);
      Copies written = session.person.writeCopies(head.message().readAllBytes(), planned,
          ComposeRequest.blindOf(headBytes), session.sender, ess.tripleWrap);
      SentRequests.keep(from.store, terminal, written.receipt(), headBytes);
      return written.copies();
    }
  }

  /** The plan for the message whose header block is {@code head}, its decisions shown on stderr. */
  private Outgoing planned(byte[] head, ComposeSession session) throws IOException {
    Outgoing planned = plan(head, session);
    show(planned.plan().decisions(), terminal.err());
    if (ess.tripleWrap && !(planned.plan().sign() && planned.plan().encrypt())) {
      throw new UsageException("--triple-wrap signs, encrypts and signs again: give --encrypt");
    }
    return planned;
  }

  void show(List<Decision> decisions, PrintStream to) throws IOException {
    if (json) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (Decision d : decisions) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("subject", d.subject());
        row.put("outcome", d.outcome());
        row.put("setting", d.setting().map(s -> s.registryName()).orElse(null));
        row.put("reason", d.reason());
        rows.add(row);
      }
      to.println(ReportPrinter.Json.LINE.writeValueAsString(Map.of("decisions", rows)));
    } else {
      decisions.forEach(d -> to.println("  " + d));
    }
  }
}
