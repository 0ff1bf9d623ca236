package io.portalinvite.examples.demo.patients;

import io.portalinvite.examples.demo.Practice;
import java.time.LocalDate;
import java.time.LocalTime;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds a few demo patients and today's appointments when the patient table is empty, so the lists are
 * not empty on first start. None of them has portal access yet: that is what the demo shows.
 */
@Component
public class DemoSeeder implements ApplicationRunner {

    private final PatientRepository patients;
    private final Practice practice;

    /**
     * Creates the seeder.
     *
     * @param patients the practice's records
     * @param practice for today's date
     */
    public DemoSeeder(PatientRepository patients, Practice practice) {
        this.patients = patients;
        this.practice = practice;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (patients.count() > 0) {
            return;
        }
        LocalDate today = practice.today();
        Patient grace = patients.insert(
                "Grace", "Hopper", LocalDate.of(1985, 12, 9), "grace.hopper@example.org", "0412 000 101");
        Patient alan =
                patients.insert("Alan", "Turing", LocalDate.of(1992, 6, 23), "alan.turing@example.org", "0412 000 102");
        Patient margaret = patients.insert(
                "Margaret", "Hamilton", LocalDate.of(1958, 8, 17), "margaret.hamilton@example.org", null);
        Patient noah = patients.insert("Noah", "Williams", LocalDate.of(2017, 3, 4), null, null);
        patients.insert(
                "Katherine", "Johnson", LocalDate.of(1974, 8, 26), "katherine.johnson@example.org", "0412 000 105");
        patients.book(grace.id(), today.atTime(LocalTime.of(9, 0)), "Dr Amelia Chen", "Annual check-up");
        patients.book(alan.id(), today.atTime(LocalTime.of(9, 30)), "Dr Raj Patel", "Follow-up");
        patients.book(noah.id(), today.atTime(LocalTime.of(10, 15)), "Dr Amelia Chen", "Immunisation");
        patients.book(margaret.id(), today.plusDays(1).atTime(LocalTime.of(14, 0)), "Dr Raj Patel", "Review");
    }
}
