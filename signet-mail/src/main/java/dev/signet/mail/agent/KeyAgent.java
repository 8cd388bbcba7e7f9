package dev.signet.mail.agent;

import dev.signet.mail.agent.AgentProtocol.Held;
import dev.signet.mail.agent.AgentProtocol.Reply;
import dev.signet.mail.agent.AgentProtocol.Request;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The key agent, as ssh-agent and gpg-agent are: holds the person's unlocked digital IDs in memory,
 * each for {@code timeout} after it is handed over, and hands them back to the person's own processes
 * over a socket only they can open. Nothing it holds is written anywhere.
 */
public final class KeyAgent implements AutoCloseable {
  private final AgentFolder folder;
  private final Duration timeout;
  private final Clock clock;
  private final ServerSocketChannel server;
  private final Map<String, Entry> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "signet-key-agent-time-out");
    t.setDaemon(true);
    return t;
  });

  private record Entry(Held id, Instant until) {}

  private KeyAgent(AgentFolder folder, Duration timeout, Clock clock, ServerSocketChannel server) {
    this.folder = folder;
    this.timeout = timeout;
    this.clock = clock;
    this.server = server;
    // IDs leave memory when their time is up, not only when the next request comes.
    sweeper.scheduleWithFixedDelay(this::dropExpired, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Binds the socket (mode 0600) in the owner-only folder.
   *
   * @throws AgentException if the folder is not the owner's alone, or an agent already answers there
   */
  public static KeyAgent bind(AgentFolder folder, Duration timeout, Clock clock) throws IOException {
    folder.prepare();
    if (new AgentClient(folder).running()) {
      throw new AgentException("a key agent is already running on " + folder.socket());
    }
    Files.deleteIfExists(folder.socket()); // left by an agent that did not stop cleanly
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(folder.socket()));
    Files.setPosixFilePermissions(folder.socket(), PosixFilePermissions.fromString("rw-------"));
    return new KeyAgent(folder, timeout, clock, server);
  }

  /** Answers requests until {@code stop} or {@link #close()}. */
  public void serve() throws IOException {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        answer(client);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // One client's broken connection or message: the next one is served all the same.
      }
    }
  }

  /** Serves on a daemon thread, for a test or a foreground process that waits otherwise. */
  public Thread serveInBackground() {
    Thread thread = new Thread(() -> {
      try {
        serve();
      } catch (IOException e) {
        // Closed under it: nothing left to serve.
      }
    }, "signet-key-agent");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void answer(SocketChannel client) throws IOException {
    if (!sameUser(client)) {
      AgentProtocol.send(client, new Reply(null, 0, 0, "not the agent's owner"));
      return;
    }
    Request request = AgentProtocol.receive(client, Request.class);
    Optional<String> malformed = malformed(request);
    if (malformed.isPresent()) {
      AgentProtocol.send(client, new Reply(null, 0, 0, malformed.get()));
      return;
    }
    dropExpired();
    Held found = null;
    switch (request.verb()) {
      case GET -> found = held.containsKey(request.id()) ? held.get(request.id()).id() : null;
      case PUT -> held.put(request.id(), new Entry(request.held(), clock.instant().plus(timeout)));
      case FORGET -> held.clear();
      case STOP -> close(); // before the reply: whoever asked may look for the socket as soon as it hears
      case STATUS -> { }
    }
    AgentProtocol.send(client, new Reply(found, held.size(), timeout.toSeconds(), null));
  }

  /** Why a request cannot be answered: no verb, no ID to get or hold, or no ID handed over to hold. */
  private static Optional<String> malformed(Request request) {
    if (request == null || request.verb() == null) {
      return Optional.of("a request names its verb");
    }
    boolean aboutOne = request.verb() == AgentProtocol.Verb.GET || request.verb() == AgentProtocol.Verb.PUT;
    if (aboutOne && request.id() == null) {
      return Optional.of(request.verb() + " names the ID it is about");
    }
    return request.verb() == AgentProtocol.Verb.PUT && request.held() == null
        ? Optional.of("PUT hands over an ID") : Optional.empty();
  }

  private void dropExpired() {
    Instant now = clock.instant();
    held.values().removeIf(e -> !now.isBefore(e.until()));
  }

  /** The folder keeps others out; the peer's credentials check it again, as ssh-agent does. */
  private boolean sameUser(SocketChannel client) throws IOException {
    UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return peer.user().getName().equals(folder.owner());
  }

  public Duration timeout() {
    return timeout;
  }

  /** Stops serving, drops every ID and removes the socket. */
  @Override
  public void close() throws IOException {
    sweeper.shutdownNow();
    held.clear();
    server.close();
    Files.deleteIfExists(folder.socket());
  }
}
