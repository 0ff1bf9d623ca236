package io.portalinvite.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portalinvite.ValidationException;
import io.portalinvite.party.EmailAddress;

class EmailAddressFuzzTest {
    @FuzzTest
    void parse(String raw) {
        try {
            EmailAddress.parse("email", raw);
        } catch (ValidationException e) {
            // expected
        }
    }
}
