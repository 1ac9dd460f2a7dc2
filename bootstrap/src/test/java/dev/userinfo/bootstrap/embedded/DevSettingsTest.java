package dev.userinfo.bootstrap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The token switches: their ranges, at both ends, and that a refused change changes nothing. */
class DevSettingsTest {

    private final DevSettings settings = new DevSettings();

    @Test
    void defaults_anHourAndNoFailure() {
        assertEquals(Duration.ofHours(1), settings.tokenLifetime());
        assertEquals(OptionalInt.empty(), settings.tokenEndpointFailure());
    }

    @Test
    void lifetime_fromFiveSecondsToADay() {
        assertEquals(Duration.ofSeconds(5), settings.update(Optional.of(Duration.ofSeconds(5)), OptionalInt.empty()).tokenLifetime());
        assertEquals(Duration.ofDays(1), settings.update(Optional.of(Duration.ofDays(1)), OptionalInt.empty()).tokenLifetime());
        assertThrows(IllegalArgumentException.class, () -> settings.update(Optional.of(Duration.ofSeconds(4)), OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> settings.update(Optional.of(Duration.ofDays(1).plusSeconds(1)), OptionalInt.empty()));
        assertEquals(Duration.ofDays(1), settings.tokenLifetime());
    }

    @Test
    void failure_any5xx_zeroTurnsItOff_othersRefused() {
        assertEquals(OptionalInt.of(500), settings.update(Optional.empty(), OptionalInt.of(500)).tokenEndpointFailure());
        assertEquals(OptionalInt.of(599), settings.update(Optional.empty(), OptionalInt.of(599)).tokenEndpointFailure());
        assertThrows(IllegalArgumentException.class, () -> settings.update(Optional.empty(), OptionalInt.of(499)));
        assertThrows(IllegalArgumentException.class, () -> settings.update(Optional.empty(), OptionalInt.of(600)));
        assertEquals(OptionalInt.of(599), settings.tokenEndpointFailure());
        assertEquals(Duration.ofHours(1), settings.update(Optional.empty(), OptionalInt.empty()).tokenLifetime());
        assertEquals(OptionalInt.of(599), settings.tokenEndpointFailure(), "an update without it leaves it");
        assertEquals(OptionalInt.empty(), settings.update(Optional.empty(), OptionalInt.of(0)).tokenEndpointFailure());
    }
}
