package dev.userinfo.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
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
 * What full verification of a Cognito token costs next to the one thing it cannot avoid: the RS256
 * signature check. The parser fetches its key set over HTTP from 127.0.0.1 once, in setup, so each
 * measured call runs with a warm key cache, exactly as a request in a warm Lambda or server would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerificationBenchmark {

    private BenchmarkPool pool;
    private BearerToken token;

    private RSAPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    @Setup
    public void setUp() throws JOSEException, GeneralSecurityException {
        pool = BenchmarkPool.start();
        String compact = pool.idToken;
        token = new BearerToken(compact);

        publicKey = pool.key.toRSAPublicKey();
        signingInput = compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        signature = new Base64URL(compact.substring(compact.lastIndexOf('.') + 1)).decode();

        // Fail fast, not after minutes of measuring the wrong thing.
        if (!BenchmarkPool.USERNAME.equals(cognitoTokenParser().username()) || !jdkSignatureVerify()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    /** Everything a request pays: shape checks, header allowlist, parsing, key lookup, RS256, claim checks. */
    @Benchmark
    public VerifiedIdentity cognitoTokenParser() {
        return pool.parser.parse(token);
    }

    /** The floor: the JDK's RS256 check of the same bytes with the same key, and nothing else. */
    @Benchmark
    public boolean jdkSignatureVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }
}
