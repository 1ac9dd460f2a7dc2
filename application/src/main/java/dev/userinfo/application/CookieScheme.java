package dev.userinfo.application;

/**
 * How the session cookies are named and secured (BFF.md, Cookies).
 */
public enum CookieScheme {
    /**
     * {@code __Host-userinfo} and {@code __Host-userinfo-login}, {@code Secure}: the {@code __Host-}
     * prefix makes a browser refuse such a cookie unless it is {@code Secure}, from a secure origin,
     * {@code Path=/} and without {@code Domain}, so no sibling subdomain can plant or overwrite one
     * (RFC 6265bis, section 4.1.3.2). Every deployment, and always in Lambda.
     */
    HOST_PREFIXED("__Host-userinfo", true),
    /**
     * {@code userinfo} and {@code userinfo-login} without {@code Secure}, for plain
     * {@code http://localhost} in local development only, where a browser (Safari) drops
     * {@code Secure} cookies. Never in Lambda.
     */
    PLAIN_HTTP_LOCALHOST("userinfo", false);

    private final String sessionName;
    private final boolean secure;

    CookieScheme(String sessionName, boolean secure) {
        this.sessionName = sessionName;
        this.secure = secure;
    }

    /** The session cookie's name; its two halves add {@code .0} and {@code .1}. */
    public String sessionName() {
        return sessionName;
    }

    /** The login cookie's name. */
    public String loginName() {
        return sessionName + "-login";
    }

    /** Whether the cookies carry {@code Secure}. */
    public boolean secure() {
        return secure;
    }
}
