package dev.signet.mail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.core.FailureKind;
import dev.signet.core.SignedReceiptRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The signed-receipt requests a person sent, {@code receipts.json} in their digital-ID store folder:
 * for each, what a receipt must match (RFC 2634 section 2.8: content identifier, signature value,
 * msgSigDigest) and the valid receipts returned so far, by whom and when.
 */
public final class SentReceipts {
  static final String FILE = "receipts.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;

  private SentReceipts(Path dir) {
    this.dir = dir;
  }

  /** The record in a digital-ID store folder; the file is created on the first request kept. */
  public static SentReceipts in(Path storeFolder) {
    return new SentReceipts(storeFolder);
  }

  /** One sent request and the receipts returned for it. */
  public record Sent(SignedReceiptRequest request, String subject, Instant sent, List<Returned> receipts) {
    public Sent {
      receipts = List.copyOf(receipts);
    }
  }

  /** A valid receipt: who signed it and when they did (or when it was checked, without a signing time). */
  public record Returned(String from, Instant at) {}

  /** Keeps a request that was just sent; sending the same one again changes nothing. */
  public void keep(SignedReceiptRequest request, String subject, Instant sent) throws IOException {
    File file = File.read(dir);
    if (file.find(request.request().contentIdentifier()).isPresent()) {
      return;
    }
    List<Entry> entries = new ArrayList<>(file.requests());
    entries.add(Entry.of(request, subject, sent));
    PrivateFiles.createDirectory(dir);
    new File(1, entries).write(dir);
  }

  /** The request a receipt with this content identifier answers, if it was kept. */
  public Optional<SignedReceiptRequest> find(String contentIdentifier) throws IOException {
    Optional<Entry> entry = File.read(dir).find(contentIdentifier);
    return entry.isEmpty() ? Optional.empty() : Optional.of(entry.get().request());
  }

  /** Notes a valid receipt; a second receipt from the same address keeps the first. False when the request is unknown. */
  public boolean received(String contentIdentifier, String from, Instant at) throws IOException {
    File file = File.read(dir);
    List<Entry> entries = new ArrayList<>();
    boolean found = false;
    for (Entry e : file.requests()) {
      if (e.contentIdentifier().equals(contentIdentifier)) {
        found = true;
        e = e.with(new ReturnedEntry(from, at.toString()));
      }
      entries.add(e);
    }
    if (found) {
      new File(1, entries).write(dir);
    }
    return found;
  }

  public List<Sent> list() throws IOException {
    List<Sent> all = new ArrayList<>();
    for (Entry e : File.read(dir).requests()) {
      all.add(new Sent(e.request(), e.subject(), Instant.parse(e.sent()),
          e.receipts().stream().map(r -> new Returned(r.from(), Instant.parse(r.at()))).toList()));
    }
    return all;
  }

  /** The file: {@code {"version":1,"requests":[{...}]}}, oldest first. */
  record File(int version, List<Entry> requests) {
    File {
      requests = requests == null ? List.of() : List.copyOf(requests);
    }

    Optional<Entry> find(String contentIdentifier) {
      return requests.stream().filter(e -> e.contentIdentifier().equals(contentIdentifier)).findFirst();
    }

    static File read(Path dir) throws IOException {
      Path file = dir.resolve(FILE);
      if (!Files.exists(file)) {
        return new File(1, List.of());
      }
      try {
        return JSON.readValue(file.toFile(), File.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new StoreException(FailureKind.STORAGE, file + ": not a Signet receipts file: " + e.getOriginalMessage(), e);
      }
    }

    void write(Path dir) throws IOException {
      PrivateFiles.write(dir.resolve(FILE), out -> JSON.writeValue(out, this));
    }
  }

  record Entry(String contentIdentifier, String receiptsFrom, List<String> receiptsFromList, List<String> receiptsTo,
      String contentType, String signatureValue, String msgSigDigest, String subject, String sent,
      List<ReturnedEntry> receipts) {
    Entry {
      receiptsFromList = receiptsFromList == null ? List.of() : List.copyOf(receiptsFromList);
      receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }

    static Entry of(SignedReceiptRequest r, String subject, Instant sent) {
      var request = r.request();
      return new Entry(request.contentIdentifier(), request.receiptsFrom().scope().name(),
          request.receiptsFrom().addresses(), request.receiptsTo(), r.contentType(),
          Base64.getEncoder().encodeToString(r.signatureValue()), Base64.getEncoder().encodeToString(r.msgSigDigest()),
          subject, sent.toString(), List.of());
    }

    SignedReceiptRequest request() throws StoreException {
      try {
        var scope = dev.signet.core.ReceiptRequest.Scope.valueOf(receiptsFrom);
        var from = new dev.signet.core.ReceiptRequest.From(scope, receiptsFromList);
        return new SignedReceiptRequest(new dev.signet.core.ReceiptRequest(contentIdentifier, from, receiptsTo),
            contentType, Base64.getDecoder().decode(signatureValue), Base64.getDecoder().decode(msgSigDigest));
      } catch (RuntimeException e) {
        throw new StoreException(FailureKind.STORAGE, FILE + ": an unreadable request: " + e.getMessage(), e);
      }
    }

    Entry with(ReturnedEntry receipt) {
      if (receipts.stream().anyMatch(r -> r.from().equalsIgnoreCase(receipt.from()))) {
        return this;
      }
      List<ReturnedEntry> more = new ArrayList<>(receipts);
      more.add(receipt);
      return new Entry(contentIdentifier, receiptsFrom, receiptsFromList, receiptsTo, contentType, signatureValue,
          msgSigDigest, subject, sent, more);
    }
  }

  record ReturnedEntry(String from, String at) {}
}
