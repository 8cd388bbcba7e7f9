package dev.signet.server.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * TLS in front of GreenMail, which listens on loopback only: GreenMail offers no STARTTLS, and its
 * own TLS takes one key store per JVM from system properties; this uses the service's certificate.
 * Either TLS from the first byte (SMTPS, IMAPS), or STARTTLS, offered to every client and required
 * before any login from another machine (see {@link StartTls}); a client on this machine's loopback
 * may stay in plaintext.
 */
final class TlsFront implements AutoCloseable {
  /** How a connection gets its TLS. */
  enum Mode {
    IMPLICIT,
    STARTTLS_SMTP,
    STARTTLS_IMAP
  }

  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final int MAX_CONNECTIONS = 256;
  private static final int IDLE_MILLIS = 30 * 60 * 1000;
  private static final int HANDSHAKE_MILLIS = 15_000;

  private final ServerSocket server;
  private final SSLContext tls;
  private final Mode mode;
  private final int target;
  private final ExecutorService threads;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);

  private TlsFront(ServerSocket server, SSLContext tls, Mode mode, int target, String name) {
    this.server = server;
    this.tls = tls;
    this.mode = mode;
    this.target = target;
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  static TlsFront open(SSLContext tls, Mode mode, InetAddress host, int port, int target, String name) throws IOException {
    ServerSocket s;
    if (mode == Mode.IMPLICIT) {
      SSLServerSocket secure = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
      secure.setEnabledProtocols(PROTOCOLS);
      s = secure;
    } else {
      s = new ServerSocket();
    }
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(host, port));
    TlsFront front = new TlsFront(s, tls, mode, target, name);
    front.threads.execute(front::acceptAll);
    return front;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (!slots.tryAcquire()) {
          client.close();
          continue;
        }
        threads.execute(() -> {
          try {
            relay(client);
          } finally {
            slots.release();
          }
        });
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void relay(Socket client) {
    try (client; Socket plain = new Socket(InetAddress.getLoopbackAddress(), target)) {
      // Mail protocols answer line by line: Nagle's wait for an ACK the peer delays costs 40 ms a reply.
      client.setTcpNoDelay(true);
      plain.setTcpNoDelay(true);
      client.setSoTimeout(HANDSHAKE_MILLIS);
      Socket secured = secured(client, plain);
      if (secured == null) {
        return;
      }
      secured.setSoTimeout(IDLE_MILLIS);
      threads.execute(() -> pump(plain, secured));
      pump(secured, plain);
    } catch (IOException e) {
      // A failed handshake or a dropped connection ends only this connection.
    }
  }

  /** The connection to talk over once TLS is on (or, on loopback, may stay off); null when the client left. */
  private Socket secured(Socket client, Socket plain) throws IOException {
    if (mode == Mode.IMPLICIT) {
      ((SSLSocket) client).startHandshake();
      return client;
    }
    StartTls.Dialect dialect = mode == Mode.STARTTLS_SMTP ? StartTls.Dialect.SMTP : StartTls.Dialect.IMAP;
    StartTls.Outcome outcome = StartTls.negotiate(dialect, client, plain, client.getInetAddress().isLoopbackAddress());
    if (outcome != StartTls.Outcome.TLS) {
      return outcome == StartTls.Outcome.PLAINTEXT ? client : null;
    }
    SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
    upgraded.setUseClientMode(false);
    upgraded.setEnabledProtocols(PROTOCOLS);
    upgraded.startHandshake();
    return upgraded;
  }

  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (SocketException e) {
      // The other direction closed the sockets.
    } catch (IOException e) {
      // Timed out or dropped.
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a listening socket does not fail in a way that matters here.
    }
    threads.shutdownNow();
  }
}
