package dev.signet.directory;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in the embedded directory. The administrator may do anything; a person bound as
 * their own entry may replace its certificates and password, nothing else (not its address); anyone
 * may read the public attributes, anonymously only when allowed. Every successful change is saved.
 */
final class AccessRules extends InMemoryOperationInterceptor {
  /** What anyone who may read is shown; passwords and anything else stay with the administrator. */
  static final Set<String> PUBLIC = Set.of("objectclass", "cn", "sn", "displayname", "mail", "usercertificate",
      "usersmimecertificate");
  private static final Set<String> OWNER_WRITABLE = Set.of("usercertificate", "usersmimecertificate", "userpassword");
  /** The interceptor API does not tell when a connection closes: the least recently used are forgotten. */
  private static final int REMEMBERED_CONNECTIONS = 100_000;

  private final DN admin;
  private final boolean anonymousRead;
  private final Runnable saveChanges;
  /** Who each connection is bound as; connections that never bound are anonymous. */
  private final Map<String, DN> boundAs = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, DN> eldest) {
      return size() > REMEMBERED_CONNECTIONS;
    }
  });

  AccessRules(DN admin, boolean anonymousRead, Runnable saveChanges) {
    this.admin = admin;
    this.anonymousRead = anonymousRead;
    this.saveChanges = saveChanges;
  }

  @Override
  public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult bind) {
    boundAs.remove(key(bind));
    String dn = bind.getRequest().getBindDN();
    if (bind.getResult().getResultCode() == ResultCode.SUCCESS && !dn.isEmpty()) {
      try {
        boundAs.put(key(bind), new DN(dn));
      } catch (LDAPException e) {
        // the server accepted the bind, so the DN parses; if it did not, the connection stays anonymous
      }
    }
  }

  @Override
  public void processAddRequest(InMemoryInterceptedAddRequest add) throws LDAPException {
    requireAdmin(key(add), "add entries");
  }

  @Override
  public void processDeleteRequest(InMemoryInterceptedDeleteRequest delete) throws LDAPException {
    requireAdmin(key(delete), "delete entries");
  }

  @Override
  public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest rename) throws LDAPException {
    requireAdmin(key(rename), "rename entries");
  }

  @Override
  public void processModifyRequest(InMemoryInterceptedModifyRequest modify) throws LDAPException {
    if (isAdmin(key(modify))) {
      return;
    }
    DN who = boundAs.get(key(modify));
    if (who == null || !who.equals(new DN(modify.getRequest().getDN()))) {
      throw refused("only the entry's owner or an administrator may change it");
    }
    for (Modification m : modify.getRequest().getModifications()) {
      if (!OWNER_WRITABLE.contains(baseName(m.getAttributeName()))) {
        throw refused("an owner may change only certificates and password, not " + m.getAttributeName());
      }
    }
  }

  @Override
  public void processCompareRequest(InMemoryInterceptedCompareRequest compare) throws LDAPException {
    requireAdmin(key(compare), "compare (it would let passwords be guessed)");
  }

  @Override
  public void processSearchRequest(InMemoryInterceptedSearchRequest search) throws LDAPException {
    String id = key(search);
    if (isAdmin(id)) {
      return;
    }
    if (!anonymousRead && !boundAs.containsKey(id)) {
      throw refused("anonymous search is off: bind first");
    }
    if (!publicOnly(search.getRequest().getFilter())) {
      throw refused("a search may only test public attributes");
    }
  }

  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry found) {
    if (isAdmin(key(found)) || found.getSearchEntry().getDN().isEmpty()) {
      return; // the root DSE is public: it names the base DN
    }
    Entry shown = new Entry(found.getSearchEntry().getDN());
    for (Attribute a : found.getSearchEntry().getAttributes()) {
      if (PUBLIC.contains(baseName(a.getName()))) {
        shown.addAttribute(a);
      }
    }
    found.setSearchEntry(shown);
  }

  @Override
  public void processAddResult(InMemoryInterceptedAddResult result) {
    saveIfDone(result.getResult());
  }

  @Override
  public void processDeleteResult(InMemoryInterceptedDeleteResult result) {
    saveIfDone(result.getResult());
  }

  @Override
  public void processModifyResult(InMemoryInterceptedModifyResult result) {
    saveIfDone(result.getResult());
  }

  @Override
  public void processModifyDNResult(InMemoryInterceptedModifyDNResult result) {
    saveIfDone(result.getResult());
  }

  private void saveIfDone(LDAPResult result) {
    if (result.getResultCode() == ResultCode.SUCCESS) {
      saveChanges.run();
    }
  }

  private boolean isAdmin(String connection) {
    return admin.equals(boundAs.get(connection));
  }

  private void requireAdmin(String connection, String what) throws LDAPException {
    if (!isAdmin(connection)) {
      throw refused("only an administrator may " + what);
    }
  }

  /** A connection's key: its ID alone repeats across listeners (LDAP and LDAPS each count their own). */
  private static String key(InMemoryInterceptedRequest r) {
    return r.getConnectionID() + "@" + r.getConnectedAddress() + ":" + r.getConnectedPort();
  }

  private static String key(InMemoryInterceptedResult r) {
    return r.getConnectionID() + "@" + r.getConnectedAddress() + ":" + r.getConnectedPort();
  }

  private static boolean publicOnly(Filter filter) {
    if (filter.getComponents().length > 0) {
      for (Filter f : filter.getComponents()) {
        if (!publicOnly(f)) {
          return false;
        }
      }
      return true;
    }
    if (filter.getNOTComponent() != null) {
      return publicOnly(filter.getNOTComponent());
    }
    return filter.getAttributeName() == null || PUBLIC.contains(baseName(filter.getAttributeName()));
  }

  private static String baseName(String attribute) {
    return Attribute.getBaseName(attribute).toLowerCase(Locale.ROOT);
  }

  private static LDAPException refused(String why) {
    return new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, why);
  }
}
