package dev.signet.cli;

import dev.signet.core.Certificates;
import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Decision;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.directory.Directory;
import dev.signet.mail.AddressBook;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What compose and policy explain share: the person's choices, as options, and how decisions are shown. */
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

  @Option(names = "--policy", paramLabel = "FILE", description = "The organisation's policy file (default: built-in defaults).")
  Path policyFile;

  @Option(names = "--json", description = "Show the decisions as JSON.")
  boolean json;

  @Mixin DirectoryOption gal;

  @Mixin EssOptions ess;

  ComposeRequest request(SenderOption.Sender sender, byte[] head) throws IOException {
    Instant now = Instant.now();
    return new ComposeRequest(sign || ess.tripleWrap, encrypt, opaque, continueEncryption, sender.id(), sender.settings(),
        recipients(head, now), now)
        .withEss(ess.choices(Certificates.emails(sender.id().certificate()).stream().findFirst(), sender.defaultLabel()));
  }

  /** Recipients without a --rcpt certificate: looked up in the directory (--server, $SIGNET_GAL), then the address book. */
  private List<ComposeRequest.Recipient> recipients(byte[] head, Instant now) throws IOException {
    List<ComposeRequest.Recipient> named = ComposeRequest.recipientsOf(head, certificates(rcpt));
    if (named.stream().allMatch(r -> r.certificate().isPresent())) {
      return named;
    }
    Optional<Directory> directory = gal.configured(this);
    try {
      return new RecipientCertificates(directory, AddressBook.in(from.store.open(terminal).folder()), now,
          terminal.err()).complete(named);
    } finally {
      directory.ifPresent(Directory::close);
    }
  }

  /**
   * What compose does, shared with send: reads the message's header block, plans it from the person's choices and the
   * policy (the decisions go to stderr) and writes the protected message to {@code out}.
   *
   * @return the request, whose recipients (Bcc included) are the SMTP envelope's
   */
  ComposeRequest compose(OutputStream out) throws IOException {
    SenderOption.Sender sender = from.resolve(this);
    try (InputStream s = input()) {
      MessageHead head = MessageHead.read(s, Limits.DEFAULT)
          .completed(Instant.now(), java.time.ZoneId.systemDefault(), new java.security.SecureRandom());
      ComposeRequest request = request(sender, head.bytes());
      ComposePlan plan = ComposePolicy.plan(request, policy(policyFile));
      show(plan.decisions(), terminal.err());
      Optional<SignedReceiptRequest> kept;
      if (ess.tripleWrap) {
        if (!plan.sign() || !plan.encrypt()) {
          throw new UsageException("--triple-wrap signs, encrypts and signs again: give --encrypt");
        }
        kept = smime().composeTripleWrapped(head.message(), plan, sender.id(), out);
      } else {
        kept = smime().compose(head.message(), plan, sender.id(), out);
      }
      SentRequests.keep(from.store, terminal, kept, head.bytes());
      return request;
    }
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
      to.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("decisions", rows)));
    } else {
      decisions.forEach(d -> to.println("  " + d));
    }
  }
}
