package dev.userinfo.adapter.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.userinfo.adapter.cognito.CognitoClaimsVerifier.RejectedClaimsException;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.DependencyUnavailableException;
import dev.userinfo.domain.InvalidTokenException;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.MisconfigurationException;
import dev.userinfo.domain.TokenParser;
import dev.userinfo.domain.TokenUse;
import dev.userinfo.domain.UserAttributes;
import dev.userinfo.domain.VerifiedIdentity;
import dev.userinfo.domain.session.Nonce;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Key;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapter for the {@link TokenParser} port: verifies a Cognito ID or access token the way a
 * hardened resource server does (DESIGN.md, "Token verification rules") with nimbus-jose-jwt.
 * Cheap shape checks run before any parsing or network I/O; keys come only from the configured key
 * set; every failure is a named {@link InvalidTokenReason}, and keys that cannot be had are
 * {@link DependencyUnavailableException unavailable}, never "invalid". Build once per JVM.
 */
public final class CognitoTokenParser implements TokenParser, AutoCloseable {

    /**
     * Anything longer is refused as {@code TOO_LARGE} before it is decoded: {@link BearerToken#MAX_CHARS},
     * API Gateway's 10,240-byte limit on the request line and headers, which no delivered token exceeds.
     * Most Cognito tokens are 1–2 KiB; one listing a user's many groups can pass 8 KiB.
     */
    static final int MAX_TOKEN_CHARS = BearerToken.MAX_CHARS;

    /** The algorithm Cognito signs with; the token's own {@code alg} only has to agree. */
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

    /** Everything else (jku, x5u, jwk, x5c, crit, ...) is a way to smuggle in keys or semantics. */
    private static final Set<String> ALLOWED_HEADER_PARAMETERS = Set.of("alg", "kid", "typ");

    /** The ID token claim that must echo a sign-in's nonce. */
    static final String NONCE = "nonce";

    private static final boolean[] BASE64URL_ALPHABET = new boolean[128];

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".chars()
                .forEach(c -> BASE64URL_ALPHABET[c] = true);
    }

    private static final Logger log = LoggerFactory.getLogger(CognitoTokenParser.class);

    private final JWKSource<SecurityContext> keys;
    private final TokenVerificationSettings settings;
    /** False for a parser sharing another's key set ({@link #forIdTokensOf}): closing it leaves the keys alone. */
    private final boolean ownsKeys;
    private final Map<TokenUse, DefaultJWTProcessor<SecurityContext>> processors = new EnumMap<>(TokenUse.class);
    private final VerifiedTokenCache verified;

    /**
     * Verifies against the key set at {@code settings.jwksUrl()}, fetched, cached and refreshed by this
     * parser, with a {@link VerifiedTokenCache#withDefaults() verified-token cache}.
     */
    public CognitoTokenParser(TokenVerificationSettings settings) {
        this(settings, VerifiedTokenCache.withDefaults());
    }

    /**
     * As {@link #CognitoTokenParser(TokenVerificationSettings)} with the given verified-token cache,
     * which every key set fetched sweeps (see {@link VerifiedTokenCache}).
     */
    public CognitoTokenParser(TokenVerificationSettings settings, VerifiedTokenCache verified) {
        this(settings, new RemoteKeySet(Objects.requireNonNull(settings, "settings"), verified::keySetFetched), true,
                verified);
    }

    /**
     * Verifies against the given keys, an in-memory set (the embedded local mode) or a test's, with a
     * verified-token cache of the defaults. Keys that are not fetched never sweep it: the entries of
     * a key removed from such a set live out their lifetime.
     */
    public CognitoTokenParser(TokenVerificationSettings settings, JWKSource<SecurityContext> keys) {
        this(settings, keys, true, VerifiedTokenCache.withDefaults());
    }

    /**
     * @param verified the verified-token cache, or null for none: a parser narrowed by {@link #forIdTokensOf}
     *                 verifies every token in full, since its rules differ from the cache's owner's and no
     *                 key set fetch would sweep a cache of its own
     */
    private CognitoTokenParser(TokenVerificationSettings settings, JWKSource<SecurityContext> keys, boolean ownsKeys,
                               VerifiedTokenCache verified) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ownsKeys = ownsKeys;
        this.verified = verified;
        JWSKeySelector<SecurityContext> keySelector = new RsaKeySelector(keys);
        for (TokenUse use : settings.tokenUses()) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
            processor.setJWSKeySelector(keySelector);
            processor.setJWTClaimsSetVerifier(new CognitoClaimsVerifier(settings, use));
            processors.put(use, processor);
        }
    }

    /**
     * Loads the key set now, so the first request does not pay for the fetch (and a Lambda SnapStart
     * snapshot holds the keys).
     *
     * @throws MisconfigurationException      when the key set URL answers 404 or 403: it names no
     *                                        pool's keys (a wrong pool id or region)
     * @throws DependencyUnavailableException with {@code KEY_SET} when the key set cannot be fetched now
     */
    public void prefetchKeys() {
        try {
            List<JWK> loaded = keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            if (loaded.isEmpty()) {
                log.warn("key set prefetched but it holds no keys: every token will be rejected");
            }
        } catch (RemoteKeySet.KeySetRefusedException e) {
            throw new MisconfigurationException(e.getMessage(), e);
        } catch (KeySourceException e) {
            log.warn("key set prefetch failed: {}", e.toString());
            throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.KEY_SET, e);
        }
    }

    /**
     * A token verified before and still cached is answered from the {@link VerifiedTokenCache};
     * anything else is verified in full, and cached only when it verified.
     */
    @Override
    public VerifiedIdentity parse(BearerToken token) {
        Objects.requireNonNull(token, "token");
        try {
            if (verified == null) {
                return verifyClaims(token.value()).identity();
            }
            VerifiedTokenCache.TokenDigest digest = VerifiedTokenCache.digest(token.value());
            VerifiedIdentity cached = verified.get(digest);
            if (cached != null) {
                return cached;
            }
            long generation = verified.generation();
            Verified fresh = verifyClaims(token.value());
            VerifiedIdentity identity = fresh.identity();
            verified.put(digest, identity, fresh.kid(), generation);
            return identity;
        } catch (InvalidTokenException e) {
            // The reason only: the token, and the kid or claims it carries, are the caller's secrets or an attacker's text.
            log.debug("token rejected: reason={}", e.reason());
            throw e;
        }
    }

    /**
     * A parser for the ID tokens of one app client only, over this parser's key set (fetched and cached
     * once for both): what a sign-in's token endpoint answers with must be an ID token issued to the
     * client the sign-in used, whatever {@code COGNITO_TOKEN_USE} allows for bearer tokens. Closing it
     * leaves the shared key set running. It keeps no verified-token cache: each token it is given is
     * verified in full (a sign-in verifies each ID token once).
     *
     * @param clientId the only {@code aud} accepted
     */
    public CognitoTokenParser forIdTokensOf(String clientId) {
        return new CognitoTokenParser(settings.withTokenUses(Set.of(TokenUse.ID)).withClientIds(Set.of(clientId)),
                keys, false, null);
    }

    /**
     * Verifies an ID token by every check of {@link #parse}, then its {@code nonce}: when one is
     * expected, the token's {@code nonce} claim must be a string equal to it (OpenID Connect Core 1.0,
     * section 3.1.3.7, step 11), compared in constant time. A token without one is refused.
     *
     * @param expectedNonce the nonce the authorization request sent; empty on a refresh
     * @throws InvalidTokenException {@code WRONG_TOKEN_USE} for an access token, {@code NONCE_MISMATCH}
     *                               for a missing or other nonce, or any reason of {@link #parse}
     */
    VerifiedIdentity parseIdToken(BearerToken token, Optional<Nonce> expectedNonce) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expectedNonce, "expectedNonce");
        try {
            Verified checked = verifyClaims(token.value());
            if (checked.use() != TokenUse.ID) {
                throw invalid(InvalidTokenReason.WRONG_TOKEN_USE);
            }
            if (expectedNonce.isPresent()
                    && !(checked.claims().getClaim(NONCE) instanceof String nonce && expectedNonce.get().matches(nonce))) {
                throw invalid(InvalidTokenReason.NONCE_MISMATCH);
            }
            return checked.identity();
        } catch (InvalidTokenException e) {
            log.debug("ID token rejected: reason={}", e.reason());
            throw e;
        }
    }

    /** A token whose every check passed, what it was, and the {@code kid} of the key that verified it. */
    private record Verified(TokenUse use, JWTClaimsSet claims, String kid) {
        VerifiedIdentity identity() {
            return CognitoTokenParser.identity(use, claims);
        }
    }

    private Verified verifyClaims(String token) {
        int[] dots = checkShape(token);
        String headerPart = token.substring(0, dots[0]);
        String payloadPart = token.substring(dots[0] + 1, dots[1]);
        String signaturePart = token.substring(dots[1] + 1);
        String kid = checkHeader(headerPart);

        JWTClaimsSet claims = parseClaims(payloadPart);
        SignedJWT jwt;
        try {
            // The signature is checked over these exact segments, so the claims above are what was signed.
            jwt = new DecodedSignedJWT(new PublicSegment(headerPart), new PublicSegment(payloadPart), new PublicSegment(signaturePart), claims);
        } catch (ParseException e) {
            throw invalid(InvalidTokenReason.MALFORMED);
        }

        // token_use picks the rules before the signature is checked; the processor checks it again after.
        TokenUse use = claims.getClaim(CognitoClaimsVerifier.TOKEN_USE) instanceof String value
                ? TokenUse.fromClaim(value).orElse(null)
                : null;
        DefaultJWTProcessor<SecurityContext> processor = use == null ? null : processors.get(use);
        if (processor == null) {
            throw invalid(InvalidTokenReason.WRONG_TOKEN_USE);
        }

        try {
            processor.process(jwt, null);
        } catch (RejectedClaimsException e) {
            throw invalid(e.reason());
        } catch (BadJWSException e) {
            throw invalid(InvalidTokenReason.BAD_SIGNATURE);
        } catch (BadJOSEException e) {
            log.info("token rejected by an unexpected check: {}", e.getClass().getSimpleName());
            throw invalid(InvalidTokenReason.MALFORMED);
        } catch (UnknownKeyException e) {
            throw invalid(InvalidTokenReason.UNKNOWN_KEY);
        } catch (RemoteKeySet.KeySetRefusedException e) {
            // A wrong setting, not an outage: the caller's 500, never a 503 that invites retries.
            // The refused fetch itself was logged with the settings to check.
            throw new MisconfigurationException(e.getMessage(), e);
        } catch (KeySourceException e) {
            // Each failed fetch is already logged once as a warning; this repeats for every request meanwhile.
            log.debug("key set unavailable: {}", e.toString());
            throw new DependencyUnavailableException(DependencyUnavailableException.Dependency.KEY_SET, e);
        } catch (JOSEException e) {
            // A key in the set that cannot verify RS256 (wrong type, too short) verifies nothing.
            log.warn("signature check failed on a key from the key set: {}", e.getClass().getSimpleName());
            throw invalid(InvalidTokenReason.BAD_SIGNATURE);
        }
        return new Verified(use, claims, kid);
    }

    /** Length and segment shape, on the raw characters: returns the positions of the two dots. */
    private static int[] checkShape(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid(InvalidTokenReason.TOO_LARGE);
        }
        int first = -1;
        int second = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (first < 0) {
                    first = i;
                } else if (second < 0) {
                    second = i;
                } else {
                    throw invalid(InvalidTokenReason.MALFORMED);
                }
            } else if (!isBase64UrlCharacter(c)) {
                // Also refuses '=' padding, '+' and '/', and whitespace anywhere.
                throw invalid(InvalidTokenReason.MALFORMED);
            }
        }
        if (second < 0
                || !isSegmentLength(first)
                || !isSegmentLength(second - first - 1)
                || !isSegmentLength(token.length() - second - 1)) {
            throw invalid(InvalidTokenReason.MALFORMED);
        }
        return new int[] {first, second};
    }

    private static boolean isBase64UrlCharacter(char c) {
        return c < BASE64URL_ALPHABET.length && BASE64URL_ALPHABET[c];
    }

    /** Unpadded base64url never leaves a single character over; empty segments carry nothing to check. */
    private static boolean isSegmentLength(int length) {
        return length > 0 && length % 4 != 1;
    }

    /** The header allowlist, on the decoded JSON before the library interprets any of it; returns the {@code kid}. */
    private static String checkHeader(String headerPart) {
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(decode(headerPart));
        } catch (ParseException e) {
            throw invalid(InvalidTokenReason.MALFORMED);
        }
        if (header == null) { // the JSON text "null"
            throw invalid(InvalidTokenReason.MALFORMED);
        }
        for (String name : header.keySet()) {
            if (!ALLOWED_HEADER_PARAMETERS.contains(name)) {
                throw invalid(InvalidTokenReason.DISALLOWED_HEADER);
            }
        }
        if (!ALGORITHM.getName().equals(header.get("alg"))) {
            throw invalid(InvalidTokenReason.DISALLOWED_ALGORITHM);
        }
        Object kid = header.get("kid");
        if (kid == null || "".equals(kid)) {
            throw invalid(InvalidTokenReason.MISSING_KEY_ID);
        }
        if (!(kid instanceof String)) {
            throw invalid(InvalidTokenReason.MALFORMED);
        }
        Object typ = header.get("typ");
        if (typ != null && !(typ instanceof String type && type.equalsIgnoreCase("JWT"))) {
            throw invalid(InvalidTokenReason.DISALLOWED_HEADER);
        }
        return (String) kid;
    }

    /** The payload as claims: not a JSON object is malformed; registered claims of the wrong type (exp as a string) are a claim problem. */
    private static JWTClaimsSet parseClaims(String payloadPart) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(decode(payloadPart));
        } catch (ParseException e) {
            throw invalid(InvalidTokenReason.MALFORMED);
        }
        if (json == null) { // the JSON text "null"
            throw invalid(InvalidTokenReason.MALFORMED);
        }
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw invalid(InvalidTokenReason.MISSING_CLAIM);
        }
    }

    /** Decodes a segment the shape check already passed. */
    private static String decode(String segment) {
        return new PublicSegment(segment).decodeToString();
    }

    /** Reads the identity from claims that already passed every check. */
    private static VerifiedIdentity identity(TokenUse use, JWTClaimsSet claims) {
        try {
            String username = claims.getStringClaim(CognitoClaimsVerifier.usernameClaim(use));
            String sub = claims.getSubject();
            if (username == null || username.isBlank() || sub == null || sub.isBlank()) {
                throw invalid(InvalidTokenReason.MISSING_CLAIM);
            }
            String clientId = use == TokenUse.ID
                    ? claims.getAudience().get(0)
                    : claims.getStringClaim(CognitoClaimsVerifier.CLIENT_ID);
            String email = use == TokenUse.ID ? claims.getStringClaim("email") : null;
            List<String> groups = claims.getStringListClaim("cognito:groups");
            Map<String, String> attributes = use == TokenUse.ID ? attributeClaims(claims) : Map.of();
            return new VerifiedIdentity(username, sub, use, clientId, email, groups,
                    claims.getExpirationTime().toInstant(), attributes);
        } catch (ParseException e) {
            throw invalid(InvalidTokenReason.MISSING_CLAIM);
        }
    }

    /**
     * The user's attributes an ID token carries (Cognito signs each readable attribute into it under
     * its own name), as text; a value that is not a string, boolean or number (an {@code address}
     * object) is left out.
     */
    private static Map<String, String> attributeClaims(JWTClaimsSet claims) {
        Map<String, String> attributes = new HashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (UserAttributes.isAttributeClaim(name)
                    && (value instanceof String || value instanceof Boolean || value instanceof Number)) {
                attributes.put(name, value.toString());
            }
        });
        return attributes;
    }

    private static InvalidTokenException invalid(InvalidTokenReason reason) {
        return new InvalidTokenException(reason);
    }

    /** Stops the key set's background refresh, if it has one. */
    @Override
    public void close() {
        if (ownsKeys && keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The library's RS256 key selection, with two changes: "no key with that kid, even after a
     * refetch" becomes its own outcome, and a key is converted from its JWK once rather than on
     * every request (the conversion costs about a tenth of the signature check itself).
     */
    private static final class RsaKeySelector extends JWSVerificationKeySelector<SecurityContext> {

        /** Bounded: a key set has a handful of keys, and only a rotation adds to them. */
        private static final int MAX_CONVERTED_KEYS = 32;

        private final Map<JWK, PublicKey> converted = new ConcurrentHashMap<>();

        RsaKeySelector(JWKSource<SecurityContext> keys) {
            super(ALGORITHM, keys);
        }

        @Override
        public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            if (!isAllowed(header.getAlgorithm())) {
                return List.of();
            }
            List<JWK> matches = getJWKSource().get(new JWKSelector(createJWKMatcher(header)), context);
            List<Key> selected = new ArrayList<>(matches.size());
            for (JWK jwk : matches) {
                PublicKey key = converted.get(jwk);
                if (key == null) {
                    key = toPublicKey(jwk);
                    if (key != null) {
                        if (converted.size() >= MAX_CONVERTED_KEYS) {
                            converted.clear();
                        }
                        converted.put(jwk, key);
                    }
                }
                if (key != null) {
                    selected.add(key);
                }
            }
            if (selected.isEmpty()) {
                throw new UnknownKeyException();
            }
            return selected;
        }

        /** The RSA public key a JWK holds; {@code null} for anything else, which verifies nothing. */
        private static PublicKey toPublicKey(JWK jwk) {
            if (!(jwk instanceof RSAKey rsa)) {
                return null;
            }
            try {
                return rsa.toRSAPublicKey();
            } catch (JOSEException e) {
                log.warn("key set holds an RSA key that cannot be used: {}", e.getClass().getSimpleName());
                return null;
            }
        }
    }

    /**
     * A token segment, decoded with the JDK's decoder. The library's own decoder runs in constant
     * time, which protects secret key material but is wasted on a token anyone can read: it made
     * decoding the segments cost about a fifth of a whole verification. The shape check has
     * already limited each segment to the base64url alphabet and a decodable length.
     */
    private static final class PublicSegment extends Base64URL {

        private static final long serialVersionUID = 1L;

        private static final java.util.Base64.Decoder DECODER = java.util.Base64.getUrlDecoder();

        PublicSegment(String segment) {
            super(segment);
        }

        @Override
        public byte[] decode() {
            try {
                return DECODER.decode(toString());
            } catch (IllegalArgumentException e) {
                throw invalid(InvalidTokenReason.MALFORMED);
            }
        }
    }

    /** A signed JWT whose claims were parsed from its payload segment before it was built. */
    private static final class DecodedSignedJWT extends SignedJWT {

        private static final long serialVersionUID = 1L;

        private final transient JWTClaimsSet claims;

        DecodedSignedJWT(Base64URL header, Base64URL payload, Base64URL signature, JWTClaimsSet claims)
                throws ParseException {
            super(header, payload, signature);
            this.claims = claims;
        }

        /** The processor asks for the claims; they were parsed once already, from the segment being verified. */
        @Override
        public JWTClaimsSet getJWTClaimsSet() {
            return claims;
        }
    }

    /** No key in the key set has the token's kid. */
    private static final class UnknownKeyException extends KeySourceException {

        private static final long serialVersionUID = 1L;

        UnknownKeyException() {
            super("no key with the token's kid");
        }
    }
}
