package dev.userinfo.adapter.lambda;

import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.VerifiedIdentity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the claims an API Gateway authorizer hands over into a {@link VerifiedIdentity}. Both
 * authorizers flatten every claim to a string: the REST API's Cognito authorizer renders {@code exp}
 * as a date ({@code Fri Jul 29 18:52:53 UTC 2016}) and groups comma-separated, the HTTP API's JWT
 * authorizer renders arrays as {@code [a b]}. Both shapes are read here.
 */
final class AuthorizerClaims {

    /** What the claims amounted to. */
    sealed interface Read {
        record Usable(VerifiedIdentity identity) implements Read {
        }

        /** Claims were there but cannot be taken; the reason is for the operator's log. */
        record Unusable(InvalidTokenReason reason) implements Read {
        }

        /** No claims at all: the authorizer did not run on this route, or is not configured. */
        record Absent() implements Read {
        }
    }

    private static final DateTimeFormatter DATE_TO_STRING =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ROOT);

    private AuthorizerClaims() {
    }

    static Read read(Map<String, ?> claims, AuthorizerTrust trust) {
        if (claims == null || claims.isEmpty()) {
            return new Read.Absent();
        }
        Optional<TokenUse> use = text(claims, "token_use").flatMap(TokenUse::fromClaim);
        if (use.isEmpty() || !trust.tokenUses().contains(use.get())) {
            return new Read.Unusable(InvalidTokenReason.WRONG_TOKEN_USE);
        }
        List<String> audience = list(claims.get("aud"));
        String clientId;
        String username;
        if (use.get() == TokenUse.ID) {
            clientId = audience.size() == 1 ? audience.get(0) : null;
            username = text(claims, "cognito:username").orElse(null);
        } else {
            // An access token names its client in client_id and carries no aud (Cognito's rule).
            clientId = audience.isEmpty() ? text(claims, "client_id").orElse(null) : null;
            username = text(claims, "username").orElse(null);
        }
        if (clientId == null || !trust.clientIds().contains(clientId)) {
            return new Read.Unusable(InvalidTokenReason.WRONG_CLIENT);
        }
        Optional<String> sub = text(claims, "sub");
        Optional<Instant> exp = text(claims, "exp").flatMap(AuthorizerClaims::instant);
        if (sub.isEmpty() || username == null || exp.isEmpty()) {
            return new Read.Unusable(InvalidTokenReason.MISSING_CLAIM);
        }
        String email = use.get() == TokenUse.ID ? text(claims, "email").orElse(null) : null;
        Map<String, String> attributes = use.get() == TokenUse.ID ? attributeClaims(claims) : Map.of();
        return new Read.Usable(new VerifiedIdentity(username, sub.get(), use.get(), clientId, email,
                list(claims.get("cognito:groups")), exp.get(), attributes));
    }

    /** The user's attributes among an ID token's claims, as the authorizer flattened them to text. */
    private static Map<String, String> attributeClaims(Map<String, ?> claims) {
        Map<String, String> attributes = new HashMap<>();
        for (String name : claims.keySet()) {
            if (UserAttributes.isAttributeClaim(name)) {
                text(claims, name).ifPresent(value -> attributes.put(name, value));
            }
        }
        return attributes;
    }

    private static Optional<String> text(Map<String, ?> claims, String name) {
        Object value = claims.get(name);
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String s = value.toString().strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * A claim that may hold several values: a JSON array (a Lambda authorizer's context), a
     * {@code [a b]} string (HTTP API), or a comma-separated string (REST API).
     */
    static List<String> list(Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (element != null && !element.toString().isBlank()) {
                    values.add(element.toString().strip());
                }
            }
            return List.copyOf(values);
        }
        if (!(value instanceof String text)) {
            return List.of();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        for (String part : s.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                values.add(part);
            }
        }
        return List.copyOf(values);
    }

    /** Epoch seconds (HTTP API, Lambda authorizers) or {@code java.util.Date#toString} (REST API). */
    static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(new BigDecimal(value).setScale(0, RoundingMode.FLOOR).longValueExact()));
        } catch (NumberFormatException | ArithmeticException notEpochSeconds) {
            try {
                return Optional.of(ZonedDateTime.parse(value, DATE_TO_STRING).toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
