package dev.signet.directory;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.unboundid.asn1.ASN1Element;
import com.unboundid.asn1.ASN1Exception;
import com.unboundid.ldap.protocol.SearchResultEntryProtocolOp;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.signet.testkit.FuzzContract;
import java.time.Instant;
import java.util.List;

/**
 * Entries as any LDAP server may send them (the BER of a SearchResultEntry, what arrives on the
 * wire): what the LDAP SDK decodes becomes a Listing and then a Lookup, always a value, in bounded
 * time. Values that are not certificates and announcements that do not verify count for nothing.
 * The seeds are entries the embedded directory publishes (see SOURCE.md beside them).
 */
class DirectoryEntryFuzzTest {
  private static final String ADDRESS = "alice@example.org";
  /** Within the validity of the seeds' certificates, so that the fuzzer reaches the address and purpose checks. */
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @FuzzTest(maxDuration = "2m")
  void searchResultEntries(byte[] wire) {
    SearchResultEntry entry;
    try {
      entry = SearchResultEntryProtocolOp.decodeProtocolOp(ASN1Element.decode(wire)).toSearchResultEntry();
    } catch (ASN1Exception | LDAPException refusedBySdk) {
      return; // the connection reports it, and find() turns it into a DirectoryException
    }
    FuzzContract.holds(DirectoryException.class,
        () -> Lookup.of(ADDRESS, List.of(LdapDirectory.listing(entry, LdapSettings.AttributeNames.STANDARD)), NOW));
  }
}
