package dev.userinfo.archfixture.application;

import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

/** Breaks "only SessionCookies uses Netty's cookie codec": a second place writing Set-Cookie. */
public final class SecondCookieWriter {

    String write() {
        return ServerCookieEncoder.STRICT.encode(new DefaultCookie("a", "b"));
    }
}
