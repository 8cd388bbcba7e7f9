package dev.signet.server.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.pki.AcmeRecords;
import dev.signet.pki.CaException;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.Issuer;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.part.ServicePart;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An ACME server (RFC 8555) for S/MIME certificates, proving control of a mailbox with the
 * email-reply-00 challenge (RFC 8823) sent through the organisation's mail. Over HTTPS; orders,
 * authorizations and nonces are kept in the CA's database, so any service node answers.
 */
public final class AcmeServices implements ServicePart {
  public static final String DIRECTORY = "/acme/directory";
  private static final String PROBLEM = "application/problem+json";
  private final Supplier<ChallengeMail> mail;
  private final Clock clock = Clock.systemDefaultZone(); // challenge mail's Date, stale replies
  private final SecureRandom random = new SecureRandom();

  /** {@code mail} is asked for once the organisation's mail server runs. */
  public AcmeServices(Supplier<ChallengeMail> mail) {
    this.mail = mail;
  }

  /** A request whose JWS verified: its payload and the account that signed it (none for a new account). */
  private record Signed(Jws jws, JsonNode jwk, Optional<AcmeRecords.Account> account) {
    AcmeRecords.Account owner() {
      return account.orElseThrow();
    }
  }

  /** What a route does with a verified request. */
  private interface Step {
    void answer(Context ctx, Signed request);
  }

  @Override
  public void configure(JavalinConfig config, ServiceContext context) {
    CertificateAuthority ca = context.authority();
    Issuer issuer = context.issuer();
    config.routes.get(DIRECTORY, ctx -> guarded(ctx, ca, () -> directory(ctx)));
    config.routes.head("/acme/new-nonce", ctx -> guarded(ctx, ca, () -> ctx.status(200)));
    config.routes.get("/acme/new-nonce", ctx -> guarded(ctx, ca, () -> ctx.status(204)));
    config.routes.post("/acme/new-account", ctx -> signed(ctx, ca, true, (c, r) -> newAccount(c, r, ca)));
    config.routes.post("/acme/account/{id}", ctx -> signed(ctx, ca, false, (c, r) -> account(c, r.owner())));
    config.routes.post("/acme/new-order", ctx -> signed(ctx, ca, false, (c, r) -> newOrder(c, r, ca)));
    config.routes.post("/acme/order/{id}", ctx -> signed(ctx, ca, false, (c, r) -> order(c, owned(c, r, ca))));
    config.routes.post("/acme/order/{id}/finalize", ctx -> signed(ctx, ca, false, (c, r) -> finalize(c, r, ca, issuer)));
    config.routes.post("/acme/authz/{id}", ctx -> signed(ctx, ca, false,
        (c, r) -> authorization(c, checked(owned(c, r, ca), r, ca))));
    config.routes.post("/acme/chall/{id}", ctx -> signed(ctx, ca, false, (c, r) -> {
      AcmeRecords.Order order = checked(owned(c, r, ca), r, ca);
      c.header("Link", "<" + base(c) + "/acme/authz/" + order.id() + ">;rel=\"up\"");
      c.json(challenge(c, order));
    }));
    config.routes.post("/acme/cert/{id}", ctx -> signed(ctx, ca, false, (c, r) -> certificate(c, owned(c, r, ca), ca, issuer)));
  }

  private void guarded(Context ctx, CertificateAuthority ca, Runnable answer) {
    try {
      ctx.header("Replay-Nonce", ca.acme().newNonce());
      ctx.header("Cache-Control", "no-store");
      ctx.header("Link", "<" + base(ctx) + DIRECTORY + ">;rel=\"index\"");
      answer.run();
    } catch (AcmeProblem p) {
      ctx.status(p.status()).contentType(PROBLEM).result(Jws.JSON.createObjectNode().put("type", p.type())
          .put("detail", p.getMessage()).toString());
    }
  }

  /** Verifies the JWS (nonce, URL, key or account, signature) before {@code step} sees the request. */
  private void signed(Context ctx, CertificateAuthority ca, boolean newAccount, Step step) {
    guarded(ctx, ca, () -> {
      if (!ctx.req().isSecure()) {
        throw new AcmeProblem(403, "unauthorized", "ACME is served over HTTPS only");
      }
      Jws jws = Jws.parse(ctx.bodyAsBytes());
      if (!ca.acme().useNonce(jws.text("nonce"))) {
        throw new AcmeProblem(400, "badNonce", "the nonce is unknown, used or expired");
      }
      if (!jws.text("url").equals(ctx.fullUrl())) {
        throw new AcmeProblem(401, "unauthorized", "the JWS is for " + jws.text("url") + ", not " + ctx.fullUrl());
      }
      Optional<AcmeRecords.Account> account = Optional.empty();
      JsonNode jwk = jws.header().get("jwk");
      if (newAccount != (jwk != null)) {
        throw new AcmeProblem(400, "malformed", newAccount ? "a new account is signed with its key (jwk)"
            : "a request is signed by its account (kid)");
      }
      if (!newAccount) {
        String kid = jws.text("kid");
        String prefix = base(ctx) + "/acme/account/";
        account = kid.startsWith(prefix) ? ca.acme().account(kid.substring(prefix.length())) : Optional.empty();
        jwk = Jws.json(account.orElseThrow(() -> new AcmeProblem(400, "accountDoesNotExist", "no account " + kid)).jwk());
      }
      if (!jws.verifies(jwk)) {
        throw new AcmeProblem(403, "unauthorized", "the JWS signature does not verify");
      }
      step.answer(ctx, new Signed(jws, jwk, account));
    });
  }

  private static String base(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  private static void directory(Context ctx) {
    String base = base(ctx);
    ObjectNode d = Jws.JSON.createObjectNode().put("newNonce", base + "/acme/new-nonce")
        .put("newAccount", base + "/acme/new-account").put("newOrder", base + "/acme/new-order");
    d.putObject("meta").put("externalAccountRequired", false);
    ctx.json(d);
  }

  private static void newAccount(Context ctx, Signed request, CertificateAuthority ca) {
    String thumbprint = Jws.thumbprint(request.jwk());
    Optional<AcmeRecords.Account> existing = ca.acme().accountByThumbprint(thumbprint);
    JsonNode payload = request.jws().body().orElse(Jws.JSON.createObjectNode());
    if (existing.isEmpty() && payload.path("onlyReturnExisting").asBoolean(false)) {
      throw new AcmeProblem(400, "accountDoesNotExist", "no account has this key");
    }
    AcmeRecords.Account account = existing.orElseGet(() -> ca.acme().newAccount(thumbprint, request.jwk().toString(),
        payload.path("contact").toString()));
    ctx.status(existing.isPresent() ? 200 : 201).header("Location", base(ctx) + "/acme/account/" + account.id());
    account(ctx, account);
  }

  private static void account(Context ctx, AcmeRecords.Account account) {
    ObjectNode a = Jws.JSON.createObjectNode().put("status", account.status());
    a.set("contact", Jws.json(account.contact()));
    if (ctx.header("Location") == null) {
      ctx.header("Location", base(ctx) + "/acme/account/" + account.id());
    }
    ctx.json(a);
  }

  private void newOrder(Context ctx, Signed request, CertificateAuthority ca) {
    JsonNode identifiers = request.jws().body().orElseThrow(() -> new AcmeProblem(400, "malformed", "no payload"))
        .path("identifiers");
    if (identifiers.size() != 1 || !identifiers.get(0).path("type").asText().equals("email")) {
      throw new AcmeProblem(400, "rejectedIdentifier", "an order is for exactly one identifier of type email");
    }
    String email = identifiers.get(0).path("value").asText();
    ChallengeMail m = mail.get();
    if (!m.serves(email)) {
      throw new AcmeProblem(400, "rejectedIdentifier", "this CA validates only the organisation's own mailboxes, "
          + "not " + email);
    }
    AcmeRecords.Order order;
    try {
      order = ca.acme().newOrder(request.owner().id(), email);
    } catch (IllegalArgumentException | CaException e) {
      throw new AcmeProblem(400, "rejectedIdentifier", e.getMessage());
    }
    m.send(order.email(), EmailReply.challenge(order, m.address(), clock, random));
    ctx.status(201).header("Location", base(ctx) + "/acme/order/" + order.id());
    order(ctx, order);
  }

  private static AcmeRecords.Order owned(Context ctx, Signed request, CertificateAuthority ca) {
    AcmeRecords.Order order = ca.acme().order(ctx.pathParam("id"))
        .orElseThrow(() -> new AcmeProblem(404, "malformed", "no such order"));
    if (!order.accountId().equals(request.owner().id())) {
      throw new AcmeProblem(403, "unauthorized", "the order is another account's");
    }
    return order;
  }

  /**
   * A pending authorization becomes valid once the mailbox's correct reply has arrived. The reply is
   * then removed, as are replies older than any order can be, so the CA's mailbox stays small.
   */
  private AcmeRecords.Order checked(AcmeRecords.Order order, Signed request, CertificateAuthority ca) {
    if (!order.authorizationStatus().equals("pending")) {
      return order;
    }
    ChallengeMail m = mail.get();
    List<ChallengeMail.Reply> replies = m.replies();
    Instant stale = clock.instant().minus(AcmeRecords.ORDER_LIFETIME);
    replies.stream().filter(r -> r.received().isBefore(stale)).forEach(r -> m.discard(r.id()));
    Optional<ChallengeMail.Reply> answer = EmailReply.answer(replies, order, Jws.thumbprint(request.jwk()));
    if (answer.isEmpty()) {
      return order;
    }
    ca.acme().authorized(order.id());
    m.discard(answer.get().id());
    return ca.acme().order(order.id()).orElseThrow();
  }

  private static void order(Context ctx, AcmeRecords.Order order) {
    String base = base(ctx);
    ObjectNode o = Jws.JSON.createObjectNode().put("status", order.status()).put("expires", order.expires().toString());
    o.putArray("identifiers").addObject().put("type", "email").put("value", order.email());
    o.putArray("authorizations").add(base + "/acme/authz/" + order.id());
    o.put("finalize", base + "/acme/order/" + order.id() + "/finalize");
    order.certificateSerial().ifPresent(s -> o.put("certificate", base + "/acme/cert/" + order.id()));
    order.error().ifPresent(e -> o.putObject("error").put("type", "urn:ietf:params:acme:error:badCSR").put("detail", e));
    ctx.json(o);
  }

  private void authorization(Context ctx, AcmeRecords.Order order) {
    ObjectNode a = Jws.JSON.createObjectNode().put("status", order.authorizationStatus())
        .put("expires", order.expires().toString());
    a.putObject("identifier").put("type", "email").put("value", order.email());
    ArrayNode challenges = a.putArray("challenges");
    challenges.add(challenge(ctx, order));
    ctx.json(a);
  }

  private ObjectNode challenge(Context ctx, AcmeRecords.Order order) {
    return Jws.JSON.createObjectNode().put("type", EmailReply.TYPE).put("url", base(ctx) + "/acme/chall/" + order.id())
        .put("status", order.authorizationStatus()).put("from", mail.get().address()).put("token", order.tokenPart2());
  }

  private static void finalize(Context ctx, Signed request, CertificateAuthority ca, Issuer issuer) {
    AcmeRecords.Order order = owned(ctx, request, ca);
    if (!order.status().equals("ready")) {
      throw new AcmeProblem(403, "orderNotReady", "the order is " + order.status() + ", not ready"
          + order.error().map(e -> " (" + e + ")").orElse(""));
    }
    byte[] csr;
    try {
      csr = Jws.decode(request.jws().body().map(b -> b.path("csr").asText()).orElse(""));
    } catch (IllegalArgumentException e) {
      throw new AcmeProblem(400, "badCSR", "the csr is not base64url");
    }
    try {
      IssuedCertificate issued = issuer.issueForAcme(order.email(), csr, order.accountId());
      ca.acme().fulfilled(order.id(), issued.serial());
    } catch (CaException e) {
      ca.acme().failed(order.id(), e.getMessage());
      throw new AcmeProblem(400, "badCSR", e.getMessage());
    }
    order(ctx, ca.acme().order(order.id()).orElseThrow());
  }

  private static void certificate(Context ctx, AcmeRecords.Order order, CertificateAuthority ca, Issuer issuer) {
    IssuedCertificate issued = order.certificateSerial().flatMap(ca::find)
        .orElseThrow(() -> new AcmeProblem(404, "malformed", "the order has no certificate yet"));
    List<X509Certificate> chain = new ArrayList<>(List.of(issued.certificate()));
    chain.add(issuer.caChain().get(0));
    ctx.contentType("application/pem-certificate-chain").result(CertificateAuthority.pem(chain));
  }
}
