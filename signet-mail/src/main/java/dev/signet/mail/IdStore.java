package dev.signet.mail;

import dev.signet.core.CertificatePurpose;
import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A person's digital IDs and security-settings profiles: a folder of PKCS#12 files (one per ID,
 * owner-only, each protected by the password given when it was added) and {@code settings.json}
 * (see {@link Settings}), or the same files kept elsewhere ({@link #over}). Expired IDs stay, so old
 * mail still decrypts, but are never chosen for new mail.
 */
public final class IdStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

  private final StoreFiles files;
  private final Clock clock;
  private final SecureRandom random;
  private final OptionalInt iterations;

  private IdStore(StoreFiles files, Clock clock, SecureRandom random, OptionalInt iterations) {
    this.files = files;
    this.clock = clock;
    this.random = random;
    this.iterations = iterations;
  }

  /** The store in {@code dir}; the folder is created on the first change. */
  public static IdStore open(Path dir) {
    return over(new FolderFiles(dir));
  }

  /** The store whose files {@code files} keeps; the keys are sealed the same way wherever that is. */
  public static IdStore over(StoreFiles files) {
    return new IdStore(files, Clock.systemUTC(), new SecureRandom(), OptionalInt.empty());
  }

  public IdStore withClock(Clock newClock) {
    return new IdStore(files, newClock, random, iterations);
  }

  /** PBKDF2 iterations for the files the store writes (default: DigitalId's own, 600,000). */
  public IdStore withIterations(int count) {
    return new IdStore(files, clock, random, OptionalInt.of(count));
  }

  /** The folder of a store {@link #open opened} on one; a store kept elsewhere has none. */
  public Path folder() {
    if (files instanceof FolderFiles folder) {
      return folder.dir();
    }
    throw new IllegalStateException("this digital-ID store is not kept in a folder");
  }

  // ---- digital IDs

  public StoredId add(String name, DigitalId id, char[] password) throws IOException {
    return add(name, id, password, true);
  }

  /**
   * Adds the ID; a non-exportable one is sealed for good: signing and decrypting work as usual, every
   * export is refused, and nothing in the settings file can change that.
   */
  public StoredId add(String name, DigitalId id, char[] password, boolean exportable) throws IOException {
    checkName(name);
    Settings settings = Settings.read(files);
    if (settings.ids().containsKey(name)) {
      throw new StoreException(FailureKind.CONFLICT, "the store already has an ID named " + name);
    }
    String certificate = encode(id.certificate());
    for (var e : settings.ids().entrySet()) {
      if (e.getValue().certificate().equals(certificate)) {
        throw new StoreException(FailureKind.CONFLICT, "this ID is already in the store as " + e.getKey());
      }
    }
    String file = name + ".p12";
    char[] filePassword = exportable ? password : NonExportableSeal.password(password);
    try {
      ByteArrayOutputStream sealed = new ByteArrayOutputStream();
      writePkcs12(id, sealed, filePassword);
      files.write(file, sealed.toByteArray());
    } finally {
      if (!exportable) {
        java.util.Arrays.fill(filePassword, '\0');
      }
    }
    settings.ids().put(name, new Settings.IdEntry(file, certificate, !exportable));
    settings.write(files);
    return new StoredId(name, id.certificate(), exportable);
  }

  /**
   * Reads a PKCS#12 file with {@code password} and adds it, named {@code name} or after the file;
   * {@code exportable} false seals the imported key in the store.
   */
  public StoredId importPkcs12(Path file, Optional<String> name, char[] password, boolean exportable)
      throws IOException {
    DigitalId id;
    try (InputStream in = Files.newInputStream(file)) {
      id = DigitalId.readPkcs12(in, password);
    }
    String stem = file.getFileName().toString().replaceFirst("(?i)\\.(p12|pfx)$", "");
    return add(name.orElse(stem), id, password, exportable);
  }

  /** The ID with its private key. */
  public DigitalId load(String name, char[] password) throws IOException {
    Settings.IdEntry entry = entry(Settings.read(files), name);
    char[] filePassword = entry.nonExportable() ? NonExportableSeal.password(password) : password;
    byte[] sealed = files.read(entry.file()).orElseThrow(() -> new StoreException(FailureKind.STORAGE,
        "the store has lost the key file of " + name + ": " + files.describe(entry.file())));
    try (InputStream in = new ByteArrayInputStream(sealed)) {
      return DigitalId.readPkcs12(in, filePassword);
    } finally {
      if (entry.nonExportable()) {
        java.util.Arrays.fill(filePassword, '\0');
      }
    }
  }

  /**
   * Writes the ID to {@code out} as PKCS#12 under {@code password}. With {@code delete}, the ID leaves
   * the store only after the written file has been read back with that password and holds the same
   * certificate.
   */
  public StoredId exportPkcs12(String name, Path out, char[] password, boolean delete) throws IOException {
    if (entry(Settings.read(files), name).nonExportable()) {
      throw new StoreException(FailureKind.POLICY_VIOLATION, name + " is a non-exportable digital ID: its private key never leaves this store");
    }
    DigitalId id = load(name, password);
    PrivateFiles.write(out, stream -> writePkcs12(id, stream, password));
    DigitalId back;
    try (InputStream in = Files.newInputStream(out)) {
      back = DigitalId.readPkcs12(in, password);
    }
    if (!back.certificate().equals(id.certificate())) {
      throw new StoreException(FailureKind.STORAGE, out + ": the exported file does not read back as " + name + "; the ID stays");
    }
    if (delete) {
      delete(name);
    }
    return new StoredId(name, id.certificate(), true);
  }

  /** Removes the ID and its file; refused while a profile uses it. */
  public void delete(String name) throws IOException {
    Settings settings = Settings.read(files);
    Settings.IdEntry entry = entry(settings, name);
    List<String> users = profilesUsing(name);
    if (!users.isEmpty()) {
      throw new StoreException(FailureKind.CONFLICT, name + " is used by profile " + String.join(", ", users) + "; remove or change it first");
    }
    settings.ids().remove(name);
    settings.write(files);
    files.delete(entry.file());
  }

  public List<StoredId> list() throws IOException {
    List<StoredId> all = new ArrayList<>();
    for (var e : Settings.read(files).ids().entrySet()) {
      all.add(new StoredId(e.getKey(), decode(e.getKey(), e.getValue().certificate()), !e.getValue().nonExportable()));
    }
    return all;
  }

  public Optional<StoredId> find(String name) throws IOException {
    return list().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The ID to sign new mail from {@code address}: current, allowed to sign; the latest expiry wins. */
  public Optional<StoredId> signingIdFor(String address) throws IOException {
    return newest(address, s -> s.purpose().signs());
  }

  /** The ID others encrypt new mail to for {@code address}: current, allowed to encrypt. */
  public Optional<StoredId> encryptionIdFor(String address) throws IOException {
    return newest(address, s -> s.purpose().encrypts());
  }

  /** Every ID that can decrypt, expired ones included: the key history old mail needs. */
  public List<DigitalId> decryptionKeys(char[] password) throws IOException {
    List<DigitalId> keys = new ArrayList<>();
    for (StoredId s : list()) {
      if (s.purpose().encrypts()) {
        keys.add(load(s.name(), password));
      }
    }
    return keys;
  }

  private Optional<StoredId> newest(String address, Predicate<StoredId> use) throws IOException {
    return list().stream().filter(s -> s.isFor(address) && s.currentAt(clock.instant()) && use.test(s))
        .max(Comparator.comparing(StoredId::expiry));
  }

  // ---- profiles

  public void addProfile(Profile profile) throws IOException {
    checkName(profile.name());
    Settings settings = Settings.read(files);
    if (settings.profiles().containsKey(profile.name())) {
      throw new StoreException(FailureKind.CONFLICT, "the store already has a profile named " + profile.name());
    }
    requireId(settings, profile.signingId(), CertificatePurpose::signs, "sign");
    requireId(settings, profile.receivingId(), CertificatePurpose::encrypts, "receive encrypted mail");
    settings.profiles().put(profile.name(), ProfileCodec.entry(profile));
    (settings.defaultProfile() == null ? settings.withDefaultProfile(profile.name()) : settings).write(files);
  }

  public List<Profile> profiles() throws IOException {
    List<Profile> all = new ArrayList<>();
    for (var e : Settings.read(files).profiles().entrySet()) {
      all.add(ProfileCodec.profile(e.getKey(), e.getValue()));
    }
    return all;
  }

  public Optional<Profile> profile(String name) throws IOException {
    return profiles().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Profile> defaultProfile() throws IOException {
    String name = Settings.read(files).defaultProfile();
    return name == null ? Optional.empty() : profile(name);
  }

  /** Whether new digital IDs are non-exportable unless told otherwise: the default profile says so. */
  public boolean newIdsNonExportable() throws IOException {
    return defaultProfile().map(Profile::nonExportable).orElse(false);
  }

  public void setDefaultProfile(String name) throws IOException {
    Settings settings = Settings.read(files);
    profileEntry(settings, name);
    settings.withDefaultProfile(name).write(files);
  }

  /** Removes the profile; if it was the default, there is no default until one is set. */
  public void removeProfile(String name) throws IOException {
    Settings settings = Settings.read(files);
    profileEntry(settings, name);
    settings.profiles().remove(name);
    (name.equals(settings.defaultProfile()) ? settings.withDefaultProfile(null) : settings).write(files);
  }

  public List<String> profilesUsing(String idName) throws IOException {
    return profiles().stream().filter(p -> p.uses(idName)).map(Profile::name).toList();
  }

  // ---- helpers

  private void writePkcs12(DigitalId id, OutputStream out, char[] password) throws IOException {
    if (iterations.isPresent()) {
      id.writePkcs12(out, password, iterations.getAsInt(), random);
    } else {
      id.writePkcs12(out, password, random);
    }
  }

  private void requireId(Settings settings, String name, Predicate<CertificatePurpose> allowed, String what)
      throws IOException {
    CertificatePurpose purpose = CertificatePurpose.of(decode(name, entry(settings, name).certificate()));
    if (!allowed.test(purpose)) {
      throw new StoreException(FailureKind.MALFORMED_INPUT, name + " is " + purpose.label() + " and cannot " + what);
    }
  }

  private static Settings.IdEntry entry(Settings settings, String name) throws StoreException {
    return Optional.ofNullable(settings.ids().get(name))
        .orElseThrow(() -> new StoreException(FailureKind.NOT_FOUND, "no digital ID named " + name + " in the store"));
  }

  private static void profileEntry(Settings settings, String name) throws StoreException {
    if (!settings.profiles().containsKey(name)) {
      throw new StoreException(FailureKind.NOT_FOUND, "no profile named " + name + " in the store");
    }
  }

  private static void checkName(String name) throws StoreException {
    if (!NAME.matcher(name).matches()) {
      throw new StoreException(FailureKind.MALFORMED_INPUT, "not a usable name: " + name + " (letters, digits, . _ @ -)");
    }
  }

  private static String encode(X509Certificate certificate) throws StoreException {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new StoreException(FailureKind.STORAGE, "cannot encode the certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate decode(String name, String base64) throws StoreException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new StoreException(FailureKind.STORAGE, "the store's certificate for " + name + " is damaged: " + e.getMessage(), e);
    }
  }
}
