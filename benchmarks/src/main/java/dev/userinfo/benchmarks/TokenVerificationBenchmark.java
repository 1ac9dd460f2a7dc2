package dev.userinfo.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import dev.userinfo.adapter.cognito.CognitoTokenParser;
import dev.userinfo.domain.BearerToken;
import dev.userinfo.domain.VerifiedIdentity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What verifying one Cognito ID token costs, next to the one thing a verification cannot avoid: the
 * RS256 signature check of the same bytes with the same key. The parser fetches its key set over HTTP
 * from 127.0.0.1 once, in setup, so each measured call runs with a warm key cache, exactly as a
 * request in a warm Lambda or server would; as at the servers' start-up, the native crypto provider
 * (ACCP) is installed first where it loads.
 *
 * <ul>
 *   <li>{@link #rawRs256()} — the baseline: the JDK's own {@code SHA256withRSA} check (provider
 *       {@code SunRsaSign}, named explicitly, whatever is installed), nothing else.</li>
 *   <li>{@link #rawRs256Native()} — the same check with the provider the servers use (ACCP where it
 *       loads; the JDK's again elsewhere): what the provider alone gives.</li>
 *   <li>{@link #verifyMiss()} — a token the server has not verified before: the verified-token
 *       cache is emptied before each call, so each call pays the cache's miss (hashing the token, the
 *       failed lookup), the whole resource-server checklist (shape and header pre-checks, parsing,
 *       key lookup, RS256, claim checks) and the insert. Goal of issue 13: at most 0.65 × {@code rawRs256}.</li>
 *   <li>{@link #verifyUncached()} — the same checklist with no cache in front: what a miss costs
 *       without the cache's own work.</li>
 *   <li>{@link #verifyHit()} — a token verified before, answered from the verified-token cache
 *       (hashing the token, the lookup, the exp check). Goal of issue 13: at most 2 µs.</li>
 * </ul>
 *
 * <p>{@code bash benchmarks/verification.sh} runs it ({@code -f 1 -wi 5 -w 2s -i 10 -r 2s}) and prints the
 * medians of the iterations and their ratios to {@code rawRs256} ({@link JmhMedians}): on a shared
 * machine compare those, not single means.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerificationBenchmark {

    private BenchmarkPool pool;
    private BearerToken token;
    /** The same checks over the same key set, with no verified-token cache (a parser narrowed to ID tokens keeps none). */
    private CognitoTokenParser uncached;

    private RSAPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() throws JOSEException, GeneralSecurityException {
        pool = BenchmarkPool.start();
        String compact = pool.idToken;
        token = new BearerToken(compact);
        uncached = pool.parser.forIdTokensOf(BenchmarkPool.CLIENT_ID);

        publicKey = pool.key.toRSAPublicKey();
        signingInput = compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        signature = new Base64URL(compact.substring(compact.lastIndexOf('.') + 1)).decode();

        // Fail fast, not after minutes of measuring the wrong thing.
        if (!BenchmarkPool.SUB.equals(verifyMiss().sub()) || !BenchmarkPool.SUB.equals(verifyHit().sub())
                || !BenchmarkPool.SUB.equals(verifyUncached().sub())
                || !rawRs256() || !rawRs256Native()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
        System.out.println(pool.crypto.describe());
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    /**
     * A miss: everything a request with a token not seen before pays. The verified-token cache is
     * emptied first (about 0.1 µs for its one entry), so the call hashes the token, misses, verifies
     * in full and inserts, as a new token does.
     */
    @Benchmark
    public VerifiedIdentity verifyMiss() {
        pool.verified.invalidateAll();
        return pool.parser.parse(token);
    }

    /**
     * The full verification alone, no cache in front: {@code verifyMiss} minus this is what the
     * verified-token cache adds to a miss (hashing, the lookup, the insert, emptying it).
     */
    @Benchmark
    public VerifiedIdentity verifyUncached() {
        return uncached.parse(token);
    }

    /** A hit: the same token again, answered from the verified-token cache (warmed in setup). */
    @Benchmark
    public VerifiedIdentity verifyHit() {
        return pool.parser.parse(token);
    }

    /** The baseline: the JDK's RS256 check of the same bytes with the same key, and nothing else. */
    @Benchmark
    public boolean rawRs256() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    /** The same check with the most preferred provider: ACCP where it loaded, the JDK's elsewhere. */
    @Benchmark
    public boolean rawRs256Native() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }
}
