package dev.signet.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.FullLDAPInterface;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import dev.signet.core.Certificates;
import dev.signet.core.FailureKind;
import dev.signet.core.SmimeException;
import dev.signet.core.TlsTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * The Directory over LDAP: to a real server through a small connection pool that reconnects (and binds
 * again) when the server restarts or drops a connection, or in-process to the embedded one.
 */
final class LdapDirectory implements Directory {
  private static final int MAX_ENTRIES = 100;
  private static final int CONNECT_MILLIS = 10_000;
  private static final int RESPONSE_MILLIS = 30_000;
  private static final int MAX_CONNECTIONS = 8;
  static final String[] PERSON = {"top", "person", "organizationalPerson", "inetOrgPerson"};

  private final FullLDAPInterface ldap;
  private final String base;
  private final LdapSettings.AttributeNames names;
  private final String people;

  LdapDirectory(FullLDAPInterface ldap, String base, LdapSettings.AttributeNames names, Optional<String> people) {
    this.ldap = ldap;
    this.base = base;
    this.names = names;
    this.people = people.orElse("ou=people," + base);
  }

  static LdapDirectory connect(LdapSettings settings) throws DirectoryException {
    LDAPURL url = url(settings);
    LDAPConnectionPool pool = null;
    try {
      pool = pool(url, settings.bind(), settings.trustAnchors());
      String base = url.baseDNProvided() ? url.getBaseDN().toString() : namingContext(pool);
      return new LdapDirectory(pool, base, settings.names(), settings.people());
    } catch (LDAPException e) {
      if (pool != null) {
        pool.close();
      }
      throw failure("cannot use the directory at " + settings.url(), e);
    }
  }

  private static LDAPURL url(LdapSettings settings) throws DirectoryException {
    try {
      return new LDAPURL(settings.url().toString());
    } catch (LDAPException e) {
      throw new DirectoryException(FailureKind.MALFORMED_INPUT, "not an LDAP URL: " + settings.url(), e);
    }
  }

  /**
   * Connections made and bound on demand: one at first (so a wrong URL or password fails at once), up to
   * {@link #MAX_CONNECTIONS}; an operation that finds its connection dead is retried once on a new one.
   */
  private static LDAPConnectionPool pool(LDAPURL url, Optional<LdapSettings.Bind> bind,
      List<X509Certificate> anchors) throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(CONNECT_MILLIS);
    options.setResponseTimeoutMillis(RESPONSE_MILLIS);
    SocketFactory sockets = SocketFactory.getDefault();
    if ("ldaps".equalsIgnoreCase(url.getScheme())) {
      // The server's certificate must chain to the anchors and name the host.
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
      sockets = TlsTrust.clientContext(anchors).getSocketFactory();
    }
    ServerSet server = new SingleServerSet(url.getHost(), url.getPort(), sockets, options);
    LDAPConnectionPool pool = new LDAPConnectionPool(server, bind.map(LdapDirectory::bindRequest).orElse(null), 1,
        MAX_CONNECTIONS);
    pool.setRetryFailedOperationsDueToInvalidConnections(true);
    pool.setConnectionPoolName("signet-directory");
    return pool;
  }

  /** A simple bind; the pool keeps it to bind each new connection, so the password stays in memory with it. */
  private static SimpleBindRequest bindRequest(LdapSettings.Bind bind) {
    char[] chars = bind.password();
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] password = new byte[encoded.remaining()];
    encoded.get(password);
    Arrays.fill(chars, '\0');
    return new SimpleBindRequest(bind.dn(), password);
  }

  static void bind(LDAPConnection connection, LdapSettings.Bind bind) throws LDAPException {
    connection.bind(bindRequest(bind));
  }

  /** The first naming context the server announces, when the URL names no base. */
  private static String namingContext(LDAPInterface ldap) throws LDAPException {
    RootDSE dse = ldap.getRootDSE();
    String[] contexts = dse == null ? null : dse.getNamingContextDNs();
    if (contexts == null || contexts.length == 0) {
      throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "the server names no base DN; give it in the URL");
    }
    return contexts[0];
  }

  @Override
  public List<Listing> find(String address) throws DirectoryException {
    List<Listing> listings = new ArrayList<>();
    for (SearchResultEntry entry : entries(address, names.certificate(), names.signedCertificates())) {
      listings.add(listing(entry, names));
    }
    return listings;
  }

  @Override
  public List<String> addressesStartingWith(String typed, int max) throws DirectoryException {
    if (typed.isBlank() || max <= 0) {
      return List.of();
    }
    List<SearchResultEntry> entries = search(Filter.createSubInitialFilter(names.mail(), typed.strip()),
        Math.min(max, MAX_ENTRIES), "addresses beginning " + typed, names.mail());
    return entries.stream().map(e -> e.getAttributeValue(names.mail())).filter(Objects::nonNull).distinct()
        .limit(max).toList();
  }

  /** An entry as the directory sent it: its certificates (other values skipped) and its first signed announcement. */
  static Listing listing(Entry entry, LdapSettings.AttributeNames names) {
    Optional<byte[]> signed = values(entry, names.signedCertificates()).stream().findFirst();
    return new Listing(entry.getDN(), certificates(values(entry, names.certificate())), signed);
  }

  @Override
  public void publish(Publication publication) throws DirectoryException {
    List<SearchResultEntry> found = entries(publication.address(), "1.1");
    if (found.size() > 1) {
      throw new DirectoryException(FailureKind.CONFLICT, found.size() + " directory entries have the address " + publication.address()
          + "; an administrator must remove all but one");
    }
    byte[][] certificates = encoded(publication.certificates());
    try {
      if (found.isEmpty()) {
        ldap.add(newEntry(publication, certificates));
      } else {
        List<Modification> changes = new ArrayList<>(List.of(
            new Modification(ModificationType.REPLACE, names.certificate(), certificates)));
        if (publication.signedCertificates().length > 0) {
          changes.add(new Modification(ModificationType.REPLACE, names.signedCertificates(),
              publication.signedCertificates()));
        }
        ldap.modify(found.get(0).getDN(), changes);
      }
    } catch (LDAPException e) {
      throw failure("the directory refused to publish for " + publication.address(), e);
    }
  }

  private Entry newEntry(Publication p, byte[][] certificates) throws LDAPException {
    DN dn = new DN(new RDN(names.mail(), p.address()), new DN(people));
    Entry entry = new Entry(dn, new Attribute("objectClass", PERSON), new Attribute("cn", p.name()),
        new Attribute("sn", p.name()), new Attribute(names.mail(), p.address()),
        new Attribute(names.certificate(), certificates));
    if (p.signedCertificates().length > 0) {
      entry.addAttribute(names.signedCertificates(), p.signedCertificates());
    }
    return entry;
  }

  private List<SearchResultEntry> entries(String address, String... attributes) throws DirectoryException {
    return search(Filter.createEqualityFilter(names.mail(), address), MAX_ENTRIES, address, attributes);
  }

  /** The entries {@code filter} finds, at most {@code limit}: the first ones when there are more. */
  private List<SearchResultEntry> search(Filter filter, int limit, String what, String... attributes)
      throws DirectoryException {
    SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
    request.setSizeLimit(limit);
    try {
      return ldap.search(request).getSearchEntries();
    } catch (LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
        return e.getSearchEntries();
      }
      throw failure("cannot search the directory for " + what, e);
    }
  }

  /** The values of an attribute with any options (userCertificate and userCertificate;binary alike). */
  private static List<byte[]> values(Entry entry, String name) {
    String baseName = Attribute.getBaseName(name);
    List<byte[]> values = new ArrayList<>();
    for (Attribute a : entry.getAttributesWithOptions(baseName, null)) {
      values.addAll(Arrays.asList(a.getValueByteArrays()));
    }
    return values;
  }

  /** Values that are not certificates are skipped: they can be no one's certificate. */
  private static List<X509Certificate> certificates(List<byte[]> values) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (byte[] value : values) {
      try {
        certificates.addAll(Certificates.read(new ByteArrayInputStream(value)));
      } catch (SmimeException | IOException e) {
        // skipped, as documented
      }
    }
    return certificates;
  }

  private static byte[][] encoded(List<X509Certificate> certificates) {
    byte[][] der = new byte[certificates.size()][];
    for (int i = 0; i < der.length; i++) {
      try {
        der[i] = certificates.get(i).getEncoded();
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("a certificate cannot be encoded", e);
      }
    }
    return der;
  }

  static DirectoryException failure(String what, LDAPException e) {
    ResultCode code = e.getResultCode();
    if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
      return new DirectoryException(FailureKind.NOT_AUTHORIZED,
          what + ": not allowed (bind as the entry's owner or an administrator)", e);
    }
    if (code == ResultCode.INVALID_CREDENTIALS) {
      return new DirectoryException(FailureKind.NOT_AUTHENTICATED, what + ": wrong bind DN or password", e);
    }
    if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT) {
      String why = code == ResultCode.TIMEOUT ? "no answer in time" : "cannot connect (is it running?)";
      return new DirectoryException(FailureKind.PEER_UNAVAILABLE, what + ": " + why, e);
    }
    String why = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : code.getName();
    return new DirectoryException(FailureKind.PEER_REFUSED, what + ": " + why, e);
  }

  @Override
  public void close() {
    ldap.close();
  }
}
