package dev.signet.server;

import dev.signet.server.acme.AcmeServices;
import dev.signet.server.web.FirstAdministrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The organisation's service as {@link Launch} started it, until closed: where it answers, and what its
 * start did (the demo's CA and people set up, the first administrator) for a launcher to tell.
 */
public final class RunningService implements AutoCloseable {
  private final Service service;
  private final Organisation organisation;
  private final String host;
  private final boolean servesAcme;
  private final boolean demoCaSetUp;
  private final Optional<FirstAdministrator.Outcome> administrator;

  RunningService(Service service, Organisation organisation, String host, boolean servesAcme, boolean demoCaSetUp,
      Optional<FirstAdministrator.Outcome> administrator) {
    this.service = service;
    this.organisation = organisation;
    this.host = host;
    this.servesAcme = servesAcme;
    this.demoCaSetUp = demoCaSetUp;
    this.administrator = administrator;
  }

  RunningService withAdministrator(FirstAdministrator.Outcome outcome) {
    return new RunningService(service, organisation, host, servesAcme, demoCaSetUp, Optional.of(outcome));
  }

  /** Each address the service answers at, with what it is for: the web UI first. */
  public List<String> endpoints() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    String https = "https://" + shown + ":" + service.httpsPort();
    String http = "http://" + shown + ":" + service.httpPort();
    List<String> lines = new ArrayList<>(List.of(https + "/web (web UI: sign in here)",
        https + "/.well-known/est (EST enrollment)", http + "/crl/issuing.crl (CRL)", http + "/ocsp (OCSP)"));
    if (servesAcme) {
      lines.add(1, https + AcmeServices.DIRECTORY + " (ACME for S/MIME: email-reply-00 challenges by mail)");
    }
    lines.addAll(organisation.endpoints());
    return lines;
  }

  public int httpsPort() {
    return service.httpsPort();
  }

  /** Whether this start set up the demo's CA (its first). */
  public boolean demoCaSetUp() {
    return demoCaSetUp;
  }

  /** What this start of the demo did with its people; empty for an organisation's own service. */
  public Optional<Demo.Outcome> demoOutcome() {
    return organisation.demoOutcome();
  }

  /** What this start did about the first administrator; empty for the demo, which has its own. */
  public Optional<FirstAdministrator.Outcome> administrator() {
    return administrator;
  }

  @Override
  public void close() {
    service.close();
  }
}
