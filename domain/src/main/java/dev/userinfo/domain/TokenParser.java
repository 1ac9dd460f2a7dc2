package dev.userinfo.domain;

/** Port: turns an untrusted bearer token into a verified identity, or says why it cannot. */
public interface TokenParser {

    /**
     * @throws InvalidTokenException          when any check fails
     * @throws DependencyUnavailableException when the keys needed to check it cannot be had now
     * @throws MisconfigurationException      when the deployment is wrong: the configured key set names
     *                                        no pool's keys (a wrong pool id or region)
     */
    VerifiedIdentity parse(BearerToken token);
}
