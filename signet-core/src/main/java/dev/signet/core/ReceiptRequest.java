package dev.signet.core;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed-receipt request (RFC 2634 section 2.7): the content it identifies, who is asked for a
 * receipt and where receipts go.
 *
 * @param contentIdentifier the signedContentIdentifier, in lower-case hex
 * @param receiptsTo the addresses receipts are sent to (1 to 16, RFC 2634 ub-receiptsTo)
 */
public record ReceiptRequest(String contentIdentifier, From receiptsFrom, List<String> receiptsTo) {
  /** RFC 2634's upper bound on receiptsTo. */
  public static final int MAX_RECEIPTS_TO = 16;
  private static final Pattern ADDRESS = Pattern.compile("[!-~&&[^<>@,]]+@[!-~&&[^<>@,]]+");

  public ReceiptRequest {
    Objects.requireNonNull(contentIdentifier, "contentIdentifier");
    contentIdentifier = contentIdentifier.toLowerCase(Locale.ROOT);
    if (contentIdentifier.isEmpty() || HexFormat.of().parseHex(contentIdentifier).length == 0) {
      throw new IllegalArgumentException("empty content identifier");
    }
    Objects.requireNonNull(receiptsFrom, "receiptsFrom");
    receiptsTo = List.copyOf(receiptsTo);
    if (receiptsTo.isEmpty() || receiptsTo.size() > MAX_RECEIPTS_TO) {
      throw new IllegalArgumentException("receipts go to 1 to " + MAX_RECEIPTS_TO + " addresses, not " + receiptsTo.size());
    }
    receiptsTo.forEach(ReceiptRequest::requireAddress);
  }

  /** A mail address, nothing else: these end up in the header fields of a receipt. */
  static void requireAddress(String address) {
    if (!ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("not a mail address: " + address.replaceAll("\\p{Cntrl}", "?"));
    }
  }

  /** A request with a new identifier: the time in milliseconds, then 16 random bytes, so it is unique. */
  public static ReceiptRequest fresh(From receiptsFrom, List<String> receiptsTo, Instant now, SecureRandom random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    byte[] id = ByteBuffer.allocate(24).putLong(now.toEpochMilli()).put(nonce).array();
    return new ReceiptRequest(HexFormat.of().formatHex(id), receiptsFrom, receiptsTo);
  }

  public byte[] contentIdentifierBytes() {
    return HexFormat.of().parseHex(contentIdentifier);
  }

  /** Whether a recipient with any of {@code addresses} is asked for a receipt. */
  public boolean asks(List<String> addresses) {
    if (receiptsFrom.scope() != Scope.LISTED) {
      return true;
    }
    return addresses.stream().anyMatch(a -> receiptsFrom.addresses().stream().anyMatch(a::equalsIgnoreCase));
  }

  /** ReceiptsFrom's choices: every recipient, first-tier recipients, or a list. */
  public enum Scope {
    ALL,
    /** Those who got the message from the originator, not through a mail list; without mail lists, everyone. */
    FIRST_TIER,
    LISTED
  }

  /** Who is asked for a receipt; {@code addresses} only for {@link Scope#LISTED}. */
  public record From(Scope scope, List<String> addresses) {
    public From {
      Objects.requireNonNull(scope, "scope");
      addresses = List.copyOf(addresses);
      addresses.forEach(ReceiptRequest::requireAddress);
      if ((scope == Scope.LISTED) == addresses.isEmpty()) {
        throw new IllegalArgumentException("a receipt list, and only a receipt list, names addresses");
      }
    }

    public static From all() {
      return new From(Scope.ALL, List.of());
    }

    public static From firstTier() {
      return new From(Scope.FIRST_TIER, List.of());
    }

    public static From listed(List<String> addresses) {
      return new From(Scope.LISTED, addresses);
    }
  }
}
