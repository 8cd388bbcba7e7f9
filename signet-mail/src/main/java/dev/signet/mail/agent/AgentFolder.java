package dev.signet.mail.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The folder that holds the key agent's socket: only its owner may enter it, so only the owner's
 * processes reach the agent.
 *
 * @param owner the user the folder must belong to (the one running this process)
 */
public record AgentFolder(Path folder, String owner) {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  /** $XDG_RUNTIME_DIR/signet, else ~/.signet/agent, for the user running this process. */
  public static AgentFolder of(Map<String, String> env) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    Path folder = runtime != null && !runtime.isBlank() ? Path.of(runtime, "signet")
        : Path.of(System.getProperty("user.home"), ".signet", "agent");
    return new AgentFolder(folder, System.getProperty("user.name"));
  }

  public Path socket() {
    return folder.resolve("socket");
  }

  /** Makes the folder owner-only if it is not there yet, then checks it as {@link #check()} does. */
  public void prepare() throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = folder.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    check();
  }

  /** @throws AgentException unless the folder is a real folder, the owner's, and closed to group and others */
  public void check() throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new AgentException(folder + " is not a folder");
    }
    String actual = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
    if (!actual.equals(owner)) {
      throw new AgentException(folder + " belongs to " + actual + ", not " + owner);
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
    if (!OWNER_ONLY.containsAll(mode)) {
      throw new AgentException(folder + " is open to others (" + PosixFilePermissions.toString(mode)
          + "): it must be rwx------");
    }
  }
}
