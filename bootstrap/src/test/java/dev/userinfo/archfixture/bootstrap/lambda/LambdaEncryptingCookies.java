package dev.userinfo.archfixture.bootstrap.lambda;

import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.DirectEncrypter;

/** Breaks "only the cookie adapter encrypts cookies": a dir encrypter outside it. */
public final class LambdaEncryptingCookies {

    DirectEncrypter encrypter() throws KeyLengthException {
        return new DirectEncrypter(new byte[32]);
    }
}
