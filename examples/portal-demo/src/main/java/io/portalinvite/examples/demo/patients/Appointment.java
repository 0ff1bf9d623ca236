package io.portalinvite.examples.demo.patients;

import java.time.LocalDateTime;

/**
 * A booked appointment, in the practice's local time.
 *
 * @param id the appointment's number
 * @param patientId the practice's patient number
 * @param patientName the patient's full name, for lists
 * @param startsAt when it starts, practice local time
 * @param practitioner who the patient sees
 * @param reason why, as typed at booking
 */
public record Appointment(
        long id, long patientId, String patientName, LocalDateTime startsAt, String practitioner, String reason) {}
