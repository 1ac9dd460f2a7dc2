package dev.userinfo.archfixture.adapter.cognito;

/** An adapter that another adapter wrongly uses. */
public class CognitoAdapter {
}
