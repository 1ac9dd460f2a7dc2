package dev.userinfo.adapter.cognito;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import com.nimbusds.jwt.util.DateUtils;
import dev.userinfo.domain.InvalidTokenReason;
import dev.userinfo.domain.TokenUse;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The claim checks for one kind of Cognito token, run after the signature verified. Each concern is
 * its own {@link DefaultJWTClaimsVerifier}, so a failure carries the reason it failed for rather
 * than a message to be parsed.
 */
final class CognitoClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

    static final String TOKEN_USE = "token_use";
    static final String CLIENT_ID = "client_id";
    static final String ID_USERNAME = "cognito:username";
    static final String ACCESS_USERNAME = "username";

    private final TokenUse tokenUse;
    private final Set<String> issuers;
    private final Set<String> clientIds;
    private final int clockSkewSeconds;
    private final DefaultJWTClaimsVerifier<SecurityContext> use;
    private final DefaultJWTClaimsVerifier<SecurityContext> required;
    private final DefaultJWTClaimsVerifier<SecurityContext> client;
    private final DefaultJWTClaimsVerifier<SecurityContext> window;

    CognitoClaimsVerifier(TokenVerificationSettings settings, TokenUse tokenUse) {
        this.tokenUse = tokenUse;
        this.issuers = settings.issuers();
        this.clientIds = settings.clientIds();
        this.clockSkewSeconds = (int) settings.clockSkew().toSeconds();
        use = untimed(null, exact(TOKEN_USE, tokenUse.claimValue()), null, null);
        required = untimed(null, null, Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME, usernameClaim(tokenUse)), null);
        client = tokenUse == TokenUse.ID
                ? untimed(clientIds, null, null, null)
                // Cognito access tokens name their client in client_id and never carry aud; one that does was not minted as ours.
                : untimed(null, null, Set.of(CLIENT_ID), Set.of(JWTClaimNames.AUDIENCE));
        window = new DefaultJWTClaimsVerifier<>(null, null, null, null);
        window.setMaxClockSkew(clockSkewSeconds);
    }

    static String usernameClaim(TokenUse tokenUse) {
        return tokenUse == TokenUse.ID ? ID_USERNAME : ACCESS_USERNAME;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        // One of the configured issuers, character for character: no prefix, case or trailing-slash leeway.
        if (!(claims.getClaim(JWTClaimNames.ISSUER) instanceof String iss) || !issuers.contains(iss)) {
            throw new RejectedClaimsException(InvalidTokenReason.WRONG_ISSUER);
        }
        check(use, claims, InvalidTokenReason.WRONG_TOKEN_USE);
        check(required, claims, InvalidTokenReason.MISSING_CLAIM);
        check(client, claims, InvalidTokenReason.WRONG_CLIENT);
        if (tokenUse == TokenUse.ID) {
            // Cognito issues an ID token to exactly one client; a list that also names ours is not its shape.
            List<String> audience = claims.getAudience();
            if (audience.size() != 1) {
                throw new RejectedClaimsException(InvalidTokenReason.WRONG_CLIENT);
            }
        } else if (!(claims.getClaim(CLIENT_ID) instanceof String id) || !clientIds.contains(id)) {
            throw new RejectedClaimsException(InvalidTokenReason.WRONG_CLIENT);
        }
        try {
            window.verify(claims, context);
        } catch (ExpiredJWTException e) {
            throw new RejectedClaimsException(InvalidTokenReason.EXPIRED);
        } catch (BadJWTException e) {
            throw new RejectedClaimsException(InvalidTokenReason.NOT_YET_VALID);
        }
        // The library leaves iat alone; a token from the future was minted by a wrong clock or a forger.
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && !DateUtils.isBefore(issuedAt, new Date(), clockSkewSeconds)) {
            throw new RejectedClaimsException(InvalidTokenReason.ISSUED_IN_FUTURE);
        }
    }

    private static void check(DefaultJWTClaimsVerifier<SecurityContext> verifier, JWTClaimsSet claims,
            InvalidTokenReason reason) throws RejectedClaimsException {
        try {
            verifier.verify(claims, null);
        } catch (BadJWTException e) {
            throw new RejectedClaimsException(reason);
        }
    }

    private static JWTClaimsSet exact(String name, String value) {
        return new JWTClaimsSet.Builder().claim(name, value).build();
    }

    /** A verifier for presence and values only; the time window is checked once, by {@code window}. */
    private static DefaultJWTClaimsVerifier<SecurityContext> untimed(Set<String> audience, JWTClaimsSet exactMatch,
            Set<String> requiredClaims, Set<String> prohibitedClaims) {
        return new DefaultJWTClaimsVerifier<>(audience, exactMatch, requiredClaims, prohibitedClaims) {
            @Override
            protected Date currentTime() {
                return null;
            }
        };
    }

    /** A claims check failed; says which, so no library message has to be interpreted. */
    static final class RejectedClaimsException extends BadJWTException {

        private static final long serialVersionUID = 1L;

        private final transient InvalidTokenReason reason;

        RejectedClaimsException(InvalidTokenReason reason) {
            super(reason.name());
            this.reason = reason;
        }

        InvalidTokenReason reason() {
            return reason;
        }
    }
}
