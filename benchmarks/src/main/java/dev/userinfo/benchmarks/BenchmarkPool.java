package dev.userinfo.benchmarks;

import com.nimbusds.jose.jwk.RSAKey;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.adapter.cognito.CryptoProviders;
import dev.userinfo.adapter.cognito.TokenVerificationSettings;
import dev.userinfo.adapter.cognito.VerifiedTokenCache;
import dev.userinfo.domain.TokenUse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A stand-in user pool for the JMH benchmarks: a {@link StandInKeySet} (an RSA key and its key set
 * served over HTTP on 127.0.0.1, so the parser fetches and caches it exactly as in production), a
 * parser with warm keys and its verified-token cache, and an ID token for alice shaped like Cognito's.
 * As at the servers' start-up, the native crypto provider is installed first where it loads.
 */
final class BenchmarkPool implements AutoCloseable {

    static final String POOL_ID = "eu-west-1_Bench0001";
    static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
    static final String USERNAME = "alice";
    static final String SUB = "8f3c2a1e-6b7d-4e5f-9a0b-1c2d3e4f5a6b";

    final RSAKey key;
    final CognitoTokenParser parser;
    /** The parser's verified-token cache. */
    final VerifiedTokenCache verified;
    /** Which provider checks signatures in this JVM. */
    final CryptoProviders.InUse crypto;
    /** alice's ID token, compact form. */
    final String idToken;
    private final StandInKeySet keySet;

    private BenchmarkPool(StandInKeySet keySet, CognitoTokenParser parser, VerifiedTokenCache verified,
            CryptoProviders.InUse crypto) {
        this.keySet = keySet;
        this.key = keySet.key();
        this.parser = parser;
        this.verified = verified;
        this.crypto = crypto;
        // Long enough that no run outlives the token.
        this.idToken = keySet.idToken(new StandInKeySet.User(USERNAME, SUB, "alice@example.com"), CLIENT_ID,
                List.of("admins"), Duration.ofDays(1));
    }

    static BenchmarkPool start() {
        CryptoProviders.InUse crypto = CryptoProviders.installPreferred();
        StandInKeySet keySet = StandInKeySet.start(POOL_ID);
        VerifiedTokenCache verified = VerifiedTokenCache.withDefaults();
        CognitoTokenParser parser = new CognitoTokenParser(TokenVerificationSettings.of(
                keySet.issuer(), keySet.jwksUrl(), Set.of(CLIENT_ID), Set.of(TokenUse.ID, TokenUse.ACCESS)), verified);
        parser.prefetchKeys();
        return new BenchmarkPool(keySet, parser, verified, crypto);
    }

    @Override
    public void close() {
        parser.close();
        keySet.close();
    }
}
