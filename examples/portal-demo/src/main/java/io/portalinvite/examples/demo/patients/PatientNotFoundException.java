package io.portalinvite.examples.demo.patients;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No patient with this number at the practice; answered with 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class PatientNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param id the patient number asked for
     */
    public PatientNotFoundException(long id) {
        super("No patient " + id);
    }
}
