package dev.userinfo.archfixture.application;

import dev.userinfo.archfixture.adapter.http.HttpAdapterUsingCognito;

/** Breaks "application depends only on domain, the JDK and Jackson" and "only bootstrap depends on adapters". */
public class ApplicationUsingAnAdapter {
    public Object route() {
        return new HttpAdapterUsingCognito();
    }
}
