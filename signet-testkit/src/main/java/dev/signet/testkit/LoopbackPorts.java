package dev.signet.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on loopback for the servers the tests start: a free one, and waiting until a server listens on one. */
public final class LoopbackPorts {
  /** Every port handed out in this JVM: each is bound a while after it is given, often after the next is asked. */
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();
  /**
   * Where ports are looked for: below the ephemeral range that the kernel gives outgoing connections and
   * {@code bind(0)} (Linux 32768 to 60999, BSD 49152 up), split between the test JVMs that run side by side
   * (Surefire's fork number, in {@code pom.xml}), so that no two of them hand out the same port.
   */
  private static final int LOWEST = 20_000;
  private static final int RANGE = 12_000;
  private static final int FORK = Integer.getInteger("signet.test.fork", 1);
  private static final int FORKS = Math.max(FORK, Integer.getInteger("signet.test.forks", 1));
  private static final int ATTEMPTS = 1_000;

  private LoopbackPorts() {}

  /**
   * A port no one listens on now (free until someone takes it), never one given before in this JVM nor one
   * another test JVM of this run may give: a server's two ports, asked for one after the other, once came
   * out the same from {@code bind(0)} (Dovecot refused its configuration: "duplicate listener").
   */
  public static int free() {
    int slice = RANGE / FORKS;
    int first = LOWEST + (FORK - 1) * slice;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = first + ThreadLocalRandom.current().nextInt(slice);
      if (GIVEN.add(port) && bindable(port)) { // a port found taken stays marked: someone holds it
        return port;
      }
    }
    throw new IllegalStateException("no free port on loopback between " + first + " and " + (first + slice - 1));
  }

  private static boolean bindable(int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * Waits until {@code server} accepts connections on {@code port}; if it stops or does not within
   * {@code timeout}, it is stopped and the failure says why, with what it wrote to {@code logs}.
   */
  public static void awaitListening(Process server, int port, Duration timeout, String name, List<Path> logs) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException(name + " stopped: " + ProcessRunner.logText(logs));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        ProcessRunner.pause(50, name);
      }
    }
    ProcessRunner.stop(server);
    throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + ": "
        + ProcessRunner.logText(logs));
  }
}
