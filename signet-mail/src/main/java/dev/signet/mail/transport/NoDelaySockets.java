package dev.signet.mail.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets with Nagle's algorithm off. SMTP ends a message with a short ".\r\n" write after the body;
 * with Nagle on, that write waits for the ACK of the body, which the server delays by 40 ms since it has
 * nothing to say yet: every submission would wait that long.
 */
final class NoDelaySockets extends SSLSocketFactory {
  private final SSLSocketFactory tls;

  NoDelaySockets(SSLSocketFactory tls) {
    this.tls = tls;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(tls.createSocket());
  }

  @Override
  public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
    noDelay(plain);
    return noDelay(tls.createSocket(plain, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(tls.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(tls.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(tls.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return noDelay(tls.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  private static Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
  }
}
