package io.portalinvite.examples.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security for the demo's own pages. Everything under {@code /portal} (the invitation page,
 * the login form's POST, logout, {@code /portal/home}) belongs to the starter's own security chain,
 * which is ordered ahead of this one; the demo only renders those pages. The staff screens sit behind
 * a staff sign-in of their own (form login at {@code /staff/login}, the two users of
 * {@link StaffUsers}): reception and practice administrators see patients and appointments, only
 * administrators Portal Settings. The start page and the mailbox are open. CSRF protection is on for
 * every form.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The filter chain.
     *
     * @param http the builder
     * @return the chain
     * @throws Exception when Spring Security cannot build it
     */
    @Bean
    SecurityFilterChain demoSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/staff/login")
                        .permitAll()
                        .requestMatchers("/staff/settings", "/staff/settings/**")
                        .hasRole(StaffUsers.ADMIN_ROLE)
                        .requestMatchers("/staff/**")
                        .hasAnyRole(StaffUsers.RECEPTION_ROLE, StaffUsers.ADMIN_ROLE)
                        .anyRequest()
                        .permitAll())
                // this chain's own users: the starter's portal chain keeps its patients apart
                .userDetailsService(StaffUsers.userDetails())
                .formLogin(form -> form.loginPage("/staff/login")
                        .defaultSuccessUrl("/staff/patients")
                        .failureUrl("/staff/login?error"))
                .logout(logout -> logout.logoutUrl("/staff/logout").logoutSuccessUrl("/staff/login?signedOut"))
                .exceptionHandling(errors -> errors.accessDeniedPage("/staff/denied"))
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
