package dev.userinfo.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The use case: verify the presented token, take the user's attributes from the pool (or, with
 * {@link AttributeSource#TOKEN}, from a verified ID token itself), and say who they are.
 */
public final class GetUserInfo {

    static final String EMAIL = "email";
    static final String NICKNAME = "nickname";
    static final String EMAIL_VERIFIED = "email_verified";

    private final TokenParser tokenParser;
    private final UserAttributeLookup attributeLookup;
    private final AttributeSource attributeSource;

    /** Every token's user is looked up in the pool ({@link AttributeSource#POOL}). */
    public GetUserInfo(TokenParser tokenParser, UserAttributeLookup attributeLookup) {
        this(tokenParser, attributeLookup, AttributeSource.POOL);
    }

    /**
     * @param attributeSource {@link AttributeSource#TOKEN}: a verified ID token is answered from its
     *                        claims with no lookup; access tokens are looked up either way
     */
    public GetUserInfo(TokenParser tokenParser, UserAttributeLookup attributeLookup, AttributeSource attributeSource) {
        this.tokenParser = Objects.requireNonNull(tokenParser, "tokenParser");
        this.attributeLookup = Objects.requireNonNull(attributeLookup, "attributeLookup");
        this.attributeSource = Objects.requireNonNull(attributeSource, "attributeSource");
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
        return answer(identity);
    }

    /** Continues from an identity that something else already verified (an API Gateway authorizer). */
    public UserInfoResult executeVerified(VerifiedIdentity identity) {
        return answer(Objects.requireNonNull(identity, "identity"));
    }

    private UserInfoResult answer(VerifiedIdentity identity) {
        if (attributeSource == AttributeSource.TOKEN && identity.tokenUse() == TokenUse.ID) {
            // Signed by the pool when the token was issued: enabled then, and the attributes as they were.
            UserAttributes claims = new UserAttributes(identity.username(), identity.sub(), identity.attributeClaims(), true);
            return new UserInfoResult.Found(toUserInfo(identity, claims), identity, ProfileOrigin.ID_TOKEN);
        }
        return lookUp(identity);
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
        return new UserInfoResult.Found(toUserInfo(identity, user), identity,
                user.stale() ? ProfileOrigin.POOL_STALE : ProfileOrigin.POOL);
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
