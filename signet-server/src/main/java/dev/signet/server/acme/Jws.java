package dev.signet.server.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A flattened JWS of an ACME request (RFC 8555 6.2), signed ES256 or RS256 with the account key given
 * as a JWK (new accounts) or named by its account URL (kid).
 */
record Jws(ObjectNode header, byte[] signingInput, byte[] signature, JsonNode payload) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the request body; a body that is not a flattened JWS of JSON is refused. */
  static Jws parse(byte[] body) {
    try {
      JsonNode jws = JSON.readTree(body);
      String protectedPart = jws.path("protected").asText();
      String payloadPart = jws.path("payload").asText();
      JsonNode header = JSON.readTree(decode(protectedPart));
      if (!(header instanceof ObjectNode object)) {
        throw new AcmeProblem(400, "malformed", "the protected header is not a JSON object");
      }
      JsonNode payload = payloadPart.isEmpty() ? null : JSON.readTree(decode(payloadPart));
      return new Jws(object, (protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII),
          decode(jws.path("signature").asText()), payload);
    } catch (IOException | IllegalArgumentException e) {
      throw new AcmeProblem(400, "malformed", "not a flattened JWS: " + e.getMessage());
    }
  }

  String text(String name) {
    return header.path(name).asText("");
  }

  /** The payload, or an empty object for POST-as-GET. */
  Optional<JsonNode> body() {
    return Optional.ofNullable(payload);
  }

  /** Whether the signature verifies with {@code jwk}. */
  boolean verifies(JsonNode jwk) {
    String algorithm = switch (text("alg")) {
      case "ES256" -> "SHA256withECDSAinP1363Format";
      case "RS256" -> "SHA256withRSA";
      default -> throw new AcmeProblem(400, "badSignatureAlgorithm", "ES256 or RS256, not " + text("alg"));
    };
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(publicKey(jwk));
      s.update(signingInput);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static PublicKey publicKey(JsonNode jwk) throws GeneralSecurityException {
    switch (jwk.path("kty").asText()) {
      case "EC" -> {
        if (!jwk.path("crv").asText().equals("P-256")) {
          throw new AcmeProblem(400, "badPublicKey", "an EC account key is on P-256");
        }
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(integer(jwk, "x"), integer(jwk, "y"));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p.getParameterSpec(ECParameterSpec.class)));
      }
      case "RSA" -> {
        BigInteger modulus = integer(jwk, "n");
        if (modulus.bitLength() < 2048) {
          throw new AcmeProblem(400, "badPublicKey", "an RSA account key has 2048 bits or more");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, integer(jwk, "e")));
      }
      default -> throw new AcmeProblem(400, "badPublicKey", "an account key is EC P-256 or RSA");
    }
  }

  /** The RFC 7638 thumbprint of {@code jwk}: SHA-256 of its required members in order, base64url. */
  static String thumbprint(JsonNode jwk) {
    TreeMap<String, String> members = new TreeMap<>();
    for (String name : jwk.path("kty").asText().equals("EC") ? new String[] {"crv", "kty", "x", "y"}
        : new String[] {"e", "kty", "n"}) {
      members.put(name, jwk.path(name).asText());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(members));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot take a JWK thumbprint", e);
    }
  }

  private static BigInteger integer(JsonNode jwk, String member) {
    return new BigInteger(1, decode(jwk.path(member).asText()));
  }

  /** JSON this server stored itself. */
  static JsonNode json(String stored) {
    try {
      return JSON.readTree(stored);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON does not read back", e);
    }
  }

  static byte[] decode(String base64url) {
    return Base64.getUrlDecoder().decode(base64url);
  }
}
