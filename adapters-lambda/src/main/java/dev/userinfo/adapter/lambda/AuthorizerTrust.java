package dev.userinfo.adapter.lambda;

import dev.userinfo.domain.TokenUse;
import java.util.Objects;
import java.util.Set;

/**
 * Whether the Lambda verifies the bearer token itself (the default) or takes the claims an API
 * Gateway authorizer already verified, and which of those claims it accepts.
 *
 * <p>Even when the authorizer is trusted, the claims must name an allowed app client and token use:
 * a REST API's Cognito authorizer accepts a token from any app client of the pool, and the
 * configured client allowlist should mean the same thing on both paths.
 */
public final class AuthorizerTrust {

    private static final AuthorizerTrust VERIFY = new AuthorizerTrust(false, Set.of(), Set.of());

    private final boolean trusted;
    private final Set<String> clientIds;
    private final Set<TokenUse> tokenUses;

    private AuthorizerTrust(boolean trusted, Set<String> clientIds, Set<TokenUse> tokenUses) {
        this.trusted = trusted;
        this.clientIds = Set.copyOf(clientIds);
        this.tokenUses = Set.copyOf(tokenUses);
    }

    /** The token in the {@code Authorization} header is verified by the application; claims are ignored. */
    public static AuthorizerTrust verifyTokens() {
        return VERIFY;
    }

    /**
     * The authorizer's claims are taken instead of verifying again; absent or unusable claims are a
     * 401, never a fall-back to the unverified token.
     */
    public static AuthorizerTrust trustAuthorizer(Set<String> clientIds, Set<TokenUse> tokenUses) {
        Objects.requireNonNull(clientIds, "clientIds");
        Objects.requireNonNull(tokenUses, "tokenUses");
        if (clientIds.isEmpty() || tokenUses.isEmpty()) {
            throw new IllegalArgumentException("trusting an authorizer still needs the allowed clients and token uses");
        }
        return new AuthorizerTrust(true, clientIds, tokenUses);
    }

    public boolean trusted() {
        return trusted;
    }

    Set<String> clientIds() {
        return clientIds;
    }

    Set<TokenUse> tokenUses() {
        return tokenUses;
    }

    @Override
    public String toString() {
        return trusted ? "AuthorizerTrust[trust claims, clients=" + clientIds + ", uses=" + tokenUses + "]"
                : "AuthorizerTrust[verify tokens]";
    }
}
