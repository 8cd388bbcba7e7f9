package dev.signet.mail.agent;

import dev.signet.core.DigitalId;
import dev.signet.mail.StoredId;
import dev.signet.mail.Unlocking;
import dev.signet.mail.agent.AgentProtocol.Held;
import dev.signet.mail.agent.AgentProtocol.Reply;
import dev.signet.mail.agent.AgentProtocol.Request;
import dev.signet.mail.agent.AgentProtocol.Verb;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import jdk.net.ExtendedSocketOptions;

/** A process's side of the key agent: asks it for IDs, hands it IDs just unlocked, forgets and stops it. */
public final class AgentClient {
  private final AgentFolder folder;

  public AgentClient(AgentFolder folder) {
    this.folder = folder;
  }

  /** What the agent holds now. */
  public record Status(int count, Duration timeout) {}

  /** Whether an agent answers on the socket; false when none was started or it stopped. */
  public boolean running() {
    try {
      status();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Status status() throws IOException {
    Reply reply = ask(new Request(Verb.STATUS, null, null));
    return new Status(reply.count(), Duration.ofSeconds(reply.timeoutSeconds()));
  }

  /** Drops every ID the agent holds. */
  public void forget() throws IOException {
    ask(new Request(Verb.FORGET, null, null));
  }

  public void stop() throws IOException {
    ask(new Request(Verb.STOP, null, null));
  }

  /** How an ID is opened without the agent: with its password. */
  @FunctionalInterface
  public interface Opening {
    DigitalId open() throws IOException;
  }

  /**
   * Opens stored IDs through the agent: the one it holds, else {@code withPassword}'s, which is then
   * handed to the agent for the next run. Without an agent, {@code withPassword} alone.
   */
  public Unlocking unlocking(Path store, Unlocking withPassword) {
    if (!Files.exists(folder.socket())) {
      return withPassword;
    }
    return stored -> throughAgent(store.toAbsolutePath().normalize() + "#" + stored.name(),
        held -> held.certificate().equals(stored.certificate()), () -> withPassword.open(stored));
  }

  /**
   * Opens a digital-ID file, given as its bytes, through the agent, as {@link #unlocking} a stored ID. The agent
   * holds it under the SHA-256 of those bytes, so a file changed since is another ID, and a copy of it the same.
   */
  public DigitalId openFile(byte[] pkcs12, Opening withPassword) throws IOException {
    if (!Files.exists(folder.socket())) {
      return withPassword.open();
    }
    return throughAgent(fileKey(pkcs12), held -> true, withPassword);
  }

  private static String fileKey(byte[] pkcs12) {
    try {
      return "file#" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pkcs12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** The ID the agent holds under {@code id} if {@code current} accepts it, else {@code withPassword}'s, handed over. */
  private DigitalId throughAgent(String id, Predicate<DigitalId> current, Opening withPassword) throws IOException {
    Optional<DigitalId> held = get(id).filter(current);
    if (held.isPresent()) {
      return held.get();
    }
    DigitalId opened = withPassword.open();
    put(id, opened);
    return opened;
  }

  private Optional<DigitalId> get(String id) {
    try {
      Held held = ask(new Request(Verb.GET, id, null)).held();
      return held == null ? Optional.empty() : Optional.of(held.digitalId());
    } catch (IOException e) {
      return Optional.empty(); // An agent gone or unsafe: the password opens the ID as without one.
    }
  }

  private void put(String id, DigitalId opened) {
    try {
      ask(new Request(Verb.PUT, id, Held.of(opened)));
    } catch (IOException e) {
      // The ID is open for this run; the next one asks for the password again.
    }
  }

  /** One request and its reply, only over a socket in the owner's own folder, served by the owner. */
  private Reply ask(Request request) throws IOException {
    folder.check();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(folder.socket()));
      String server = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
      if (!server.equals(folder.owner())) {
        throw new AgentException("the agent on " + folder.socket() + " is run by " + server + ", not " + folder.owner());
      }
      AgentProtocol.send(channel, request);
      Reply reply = AgentProtocol.receive(channel, Reply.class);
      if (reply.error() != null) {
        throw new AgentException("the key agent refused: " + reply.error());
      }
      return reply;
    }
  }
}
