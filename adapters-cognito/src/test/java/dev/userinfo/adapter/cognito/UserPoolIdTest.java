package dev.userinfo.adapter.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a pool id says about its pool: region, issuers, key set. */
class UserPoolIdTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "eu-west-1_AbCdEf123, eu-west-1",
        "us-east-1_0example, us-east-1",
        "ap-southeast-2_Xy9, ap-southeast-2",
        "us-gov-west-1_AbC123, us-gov-west-1",
        "eu-central-2_abc, eu-central-2",
    })
    void awsPoolId_namesItsRegion(String poolId, String region) {
        assertEquals(Optional.of(region), new UserPoolId(poolId).region());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local_6uH1oYfV", "local_Embedded", "eu-west-1", "EU-WEST-1_AbC", "eu-west_AbC",
        "eu-west-1_", "_AbC", "eu-west-1_Ab-C", "xeu-west-1 _AbC", "e-west-1_AbC", "eu-west-1_AbC\n"})
    void idThatNamesNoRegion_hasNone(String poolId) {
        assertEquals(Optional.empty(), new UserPoolId(poolId).region());
    }

    @Test
    void issuers_areExactlyThePoolsOriginalAndUpdatedOnes_inItsOwnRegion() {
        UserPoolId pool = new UserPoolId("eu-west-1_AbCdEf123");

        assertEquals(List.of(
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
                "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"), List.copyOf(pool.issuers()));
    }

    @Test
    void keySetUrl_isThePoolsOwnInItsRegion() {
        assertEquals(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json"),
                new UserPoolId("eu-west-1_AbCdEf123").keySetUrl());
    }

    @Test
    void emulatorPoolId_hasNoIssuersOrKeySetOfItsOwn() {
        UserPoolId local = new UserPoolId("local_6uH1oYfV");

        assertThrows(IllegalStateException.class, local::issuers);
        assertThrows(IllegalStateException.class, local::keySetUrl);
    }

    @Test
    void blankId_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UserPoolId(" "));
        assertThrows(NullPointerException.class, () -> new UserPoolId(null));
    }
}
