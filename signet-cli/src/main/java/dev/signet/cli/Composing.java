package dev.signet.cli;

import dev.signet.core.ComposeRequest;
import dev.signet.core.Decision;
import dev.signet.core.DigitalId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What compose and policy explain share: the person's choices, as options, and how decisions are shown. */
abstract class Composing extends CommandBase {
  @Option(names = "--from", required = true, paramLabel = "ID.p12", description = "The sender's digital ID.")
  Path from;

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

  ComposeRequest request(DigitalId sender, byte[] message) throws IOException {
    return new ComposeRequest(sign, encrypt, opaque, continueEncryption, sender,
        ComposeRequest.recipientsOf(message, certificates(rcpt)), Instant.now());
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
