package dev.signet.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.core.FailureKind;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's settings file, {@code settings.json}: each ID's file and certificate (base64 DER, so
 * listing needs no password), the profiles, and the default profile's name. Example:
 *
 * <pre>
 * {"version":1,
 *  "ids":{"work":{"file":"work.p12","certificate":"MIIC...","nonExportable":false}},
 *  "profiles":{"office":{"signingId":"work","encryptionId":null,"hash":"SHA-256","cipher":"AES-128-GCM",
 *                        "sendCertificates":true,"label":null,"nonExportable":false,"subjectVisible":false}},
 *  "defaultProfile":"office"}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Settings(int version, Map<String, IdEntry> ids, Map<String, ProfileEntry> profiles, String defaultProfile) {
  static final String FILE = "settings.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * One ID: its PKCS#12 file in the store folder and its certificate. A non-exportable ID's file is
   * sealed under a password derived from the person's (see {@link NonExportableSeal}): clearing the flag here
   * does not open it.
   */
  record IdEntry(String file, String certificate, boolean nonExportable) {}

  /**
   * One profile; hash and cipher by their display names (SHA-256, AES-128-GCM), label base64 DER;
   * {@code nonExportable} (absent: false) makes new IDs non-exportable while it is the default;
   * {@code subjectVisible} (absent: false) keeps the Subject of encrypted mail visible outside.
   */
  record ProfileEntry(String signingId, String encryptionId, String hash, String cipher, boolean sendCertificates,
      String label, boolean nonExportable, boolean subjectVisible) {}

  Settings {
    ids = new TreeMap<>(ids == null ? Map.of() : ids);
    profiles = new TreeMap<>(profiles == null ? Map.of() : profiles);
  }

  static Settings empty() {
    return new Settings(1, Map.of(), Map.of(), null);
  }

  static Settings read(StoreFiles files) throws IOException {
    Optional<byte[]> content = files.read(FILE);
    if (content.isEmpty()) {
      return empty();
    }
    try {
      return whole(JSON.readValue(content.get(), Settings.class), files);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new StoreException(FailureKind.STORAGE, files.describe(FILE) + ": not a Signet settings file: " + e.getOriginalMessage(), e);
    } catch (java.io.CharConversionException e) {
      // Jackson detects the encoding from the first bytes; text invalid in it is not a JacksonException.
      throw new StoreException(FailureKind.STORAGE, files.describe(FILE) + ": not a Signet settings file: " + e.getMessage(), e);
    }
  }

  /** The settings, unless an entry lacks what every use of it needs (edited by hand, say). */
  private static Settings whole(Settings settings, StoreFiles files) throws StoreException {
    if (settings == null) {
      throw new StoreException(FailureKind.STORAGE, files.describe(FILE) + ": not a Signet settings file: null");
    }
    for (var e : settings.ids().entrySet()) {
      if (e.getValue() == null || e.getValue().file() == null || e.getValue().certificate() == null) {
        throw new StoreException(FailureKind.STORAGE, files.describe(FILE) + ": the ID " + e.getKey() + " lacks its file or certificate");
      }
    }
    for (var e : settings.profiles().entrySet()) {
      ProfileEntry p = e.getValue();
      if (p == null || p.signingId() == null || p.hash() == null || p.cipher() == null) {
        throw new StoreException(FailureKind.STORAGE, files.describe(FILE) + ": the profile " + e.getKey()
            + " lacks its signing ID, hash or cipher");
      }
    }
    return settings;
  }

  void write(StoreFiles files) throws IOException {
    files.write(FILE, JSON.writeValueAsBytes(this));
  }

  Settings withDefaultProfile(String name) {
    return new Settings(version, ids, profiles, name);
  }
}
