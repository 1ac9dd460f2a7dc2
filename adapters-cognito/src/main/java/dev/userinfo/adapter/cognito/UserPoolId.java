package dev.userinfo.adapter.cognito;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cognito user pool id, and what it says about the pool: an AWS pool's id starts with the pool's
 * region ({@code eu-west-1_AbCdEf123}), and its issuers and key set live in that region, whatever
 * region the code that checks its tokens runs in. A local emulator's id ({@code local_…}) names no
 * region.
 *
 * <p>A pool signs {@code iss} in one of two formats, chosen by its issuer configuration (AWS API
 * reference, {@code IssuerConfigurationType}): {@code ORIGINAL},
 * {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}, and {@code UPDATED} (AWS's
 * recommendation, and needed for multi-Region replication),
 * {@code https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>}, where region is the pool's
 * primary region. A pool that switches type has tokens of both alive at once.
 *
 * @param value the id as configured, e.g. {@code eu-west-1_AbCdEf123}
 */
public record UserPoolId(String value) {

    /** {@code <region>_<suffix>}: a region name like {@code eu-west-1} or {@code us-gov-west-1}, then the pool's own part. */
    private static final Pattern AWS_POOL_ID = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d+)_[0-9A-Za-z]+");

    public UserPoolId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a user pool id must not be blank");
        }
    }

    /** The region the id names ({@code eu-west-1} for {@code eu-west-1_AbCdEf123}); empty for an emulator's id. */
    public Optional<String> region() {
        Matcher matcher = AWS_POOL_ID.matcher(value);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The pool's two official issuers, the {@code ORIGINAL} one first, and nothing else.
     *
     * @throws IllegalStateException when the id names no region (an emulator's pool)
     */
    public Set<String> issuers() {
        String region = requireRegion();
        Set<String> issuers = new LinkedHashSet<>();
        issuers.add("https://cognito-idp." + region + ".amazonaws.com/" + value);
        issuers.add("https://issuer-cognito-idp." + region + ".amazonaws.com/" + value);
        return Collections.unmodifiableSet(issuers);
    }

    /**
     * Where the pool publishes its signing keys: {@code https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json},
     * the same key set whichever issuer format the pool signs with.
     *
     * @throws IllegalStateException when the id names no region (an emulator's pool)
     */
    public URI keySetUrl() {
        return URI.create("https://cognito-idp." + requireRegion() + ".amazonaws.com/" + value + "/.well-known/jwks.json");
    }

    private String requireRegion() {
        return region().orElseThrow(() -> new IllegalStateException(
                "user pool id " + value + " names no region; an emulator's pool needs its endpoint and issuer given"));
    }

    @Override
    public String toString() {
        return value;
    }
}
