package dev.signet.directory;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The GAL: where the organisation's people publish their certificates and others find them. The
 * embedded server ({@link EmbeddedDirectory}) and any real LDAP server ({@link #connect}) are the two
 * implementations.
 */
public interface Directory extends AutoCloseable {
  /** Every entry for {@code address}, as published: nothing is filtered yet; an empty list when none. */
  List<Listing> find(String address) throws IOException;

  /**
   * The addresses of entries whose mail begins with {@code typed}, at most {@code max}: what compose
   * offers as a person types a recipient. None where the directory cannot be searched so.
   */
  default List<String> addressesStartingWith(String typed, int max) throws IOException {
    return List.of();
  }

  /** Puts the certificates and the signed capabilities on the person's entry, replacing what was there. */
  void publish(Publication publication) throws IOException;

  /** The certificates usable for {@code address} at {@code now}, with the capabilities they announce. */
  default Lookup lookup(String address, Instant now) throws IOException {
    return Lookup.of(address, find(address), now);
  }

  /** An adapter for any LDAP server: OpenLDAP, 389-DS, Active Directory, or the embedded one. */
  static Directory connect(LdapSettings settings) throws IOException {
    return LdapDirectory.connect(settings);
  }

  @Override
  void close();
}
