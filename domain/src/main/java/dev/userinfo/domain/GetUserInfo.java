package dev.userinfo.domain;

import java.util.Objects;
import java.util.Optional;

/** The use case: verify the presented token, look the user up in the pool, and say who they are. */
public final class GetUserInfo {

    static final String EMAIL = "email";
    static final String NICKNAME = "nickname";
    static final String EMAIL_VERIFIED = "email_verified";

    private final TokenParser tokenParser;
    private final UserAttributeLookup attributeLookup;

    public GetUserInfo(TokenParser tokenParser, UserAttributeLookup attributeLookup) {
        this.tokenParser = Objects.requireNonNull(tokenParser, "tokenParser");
        this.attributeLookup = Objects.requireNonNull(attributeLookup, "attributeLookup");
    }

    /**
     * Runs the use case. Expected failures come back as results; anything else (a bug, a
     * {@link MisconfigurationException}) is thrown for the caller's 500 path.
     */
    public UserInfoResult execute(Optional<BearerToken> token) {
        if (token.isEmpty()) {
            return new UserInfoResult.MissingToken();
        }
        VerifiedIdentity identity;
        try {
            identity = tokenParser.parse(token.get());
        } catch (InvalidTokenException e) {
            return new UserInfoResult.InvalidToken(e.reason(), null);
        } catch (DependencyUnavailableException e) {
            return new UserInfoResult.Unavailable(e.dependency());
        }
        return lookUp(identity);
    }

    /** Continues from an identity that something else already verified (an API Gateway authorizer). */
    public UserInfoResult executeVerified(VerifiedIdentity identity) {
        return lookUp(Objects.requireNonNull(identity, "identity"));
    }

    private UserInfoResult lookUp(VerifiedIdentity identity) {
        UserAttributes user;
        try {
            user = attributeLookup.lookup(identity.username(), identity.sub());
        } catch (UserNotFoundException e) {
            return new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, identity.sub());
        } catch (DependencyUnavailableException e) {
            return new UserInfoResult.Unavailable(e.dependency());
        }
        // The identity is the sub, never the username: a username deleted and created again names a
        // new user, whose profile is not this token's to read. Checked before anything of the record
        // (even its enabled flag) shapes the answer.
        if (!user.belongsTo(identity.sub())) {
            return new UserInfoResult.InvalidToken(InvalidTokenReason.USER_GONE, identity.sub());
        }
        if (!user.enabled()) {
            return new UserInfoResult.UserDisabled(identity.sub());
        }
        return new UserInfoResult.Found(toUserInfo(identity, user), identity);
    }

    private static UserInfo toUserInfo(VerifiedIdentity identity, UserAttributes user) {
        String email = user.attribute(EMAIL).orElse(identity.emailClaim());
        Boolean emailVerified = user.attribute(EMAIL_VERIFIED).map(Boolean::parseBoolean).orElse(null);
        return new UserInfo(
                identity.username(),
                email,
                user.attribute(NICKNAME).orElse(null),
                identity.sub(),
                emailVerified,
                identity.groups());
    }
}
