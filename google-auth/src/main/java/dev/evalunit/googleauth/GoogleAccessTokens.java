package dev.evalunit.googleauth;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.evalunit.api.spi.AccessTokens;
import java.io.IOException;

/**
 * One model's tokens from a {@link GoogleCredentials}: the one it holds while fresh, else a new one from
 * the credentials' token endpoint (the library refreshes an expired token before handing it out, and
 * one about to expire too). Thread safe, as the credentials are.
 */
final class GoogleAccessTokens implements AccessTokens {

    private final GoogleCredentials credentials;

    GoogleAccessTokens(GoogleCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String current() throws IOException {
        credentials.refreshIfExpired();
        AccessToken token = credentials.getAccessToken();
        return token == null ? null : token.getTokenValue();
    }
}
