package dev.userinfo.domain;

/** Port: turns an untrusted bearer token into a verified identity, or says why it cannot. */
public interface TokenParser {

    /**
     * @throws InvalidTokenException          when any check fails
     * @throws DependencyUnavailableException when the keys needed to check it cannot be had now
     */
    VerifiedIdentity parse(BearerToken token);
}
